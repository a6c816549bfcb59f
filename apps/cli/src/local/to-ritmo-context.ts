import type { RitmoContext, TriggerContext } from '@ritmo/pipeline';

/** The `ritmo` expression context for a trigger (snake_case names, as expressions spell them). */
export function toRitmoContext(trigger: TriggerContext): RitmoContext {
  const context: RitmoContext = { event: trigger.event };
  const set = (name: keyof RitmoContext, value: unknown): void => {
    if (value !== undefined) context[name] = value;
  };
  set('ref', trigger.ref);
  set('sha', trigger.sha);
  set('branch', trigger.branch);
  set('tag', trigger.tag);
  set('base_branch', trigger.baseBranch);
  set('pr_action', trigger.prAction);
  set('build_number', trigger.buildNumber);
  set('build_id', trigger.buildId);
  set('project', trigger.project);
  set('actor', trigger.actor);
  return context;
}
