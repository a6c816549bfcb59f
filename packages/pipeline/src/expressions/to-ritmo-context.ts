import type { TriggerContext } from '../plan.js';
import type { RitmoContext } from './expression-context.js';

export interface RitmoContextExtras {
  workspace?: string;
  /** The job's id, once a job runs. */
  job?: string;
  serverUrl?: string;
}

/** The `ritmo` expression context for a trigger, with snake_case names (`ritmo.build_number`). */
export function toRitmoContext(trigger: TriggerContext, extras: RitmoContextExtras = {}): RitmoContext {
  const entries: [string, unknown][] = [
    ['event', trigger.event],
    ['ref', trigger.ref],
    ['sha', trigger.sha],
    ['branch', trigger.branch],
    ['tag', trigger.tag],
    ['base_branch', trigger.baseBranch],
    ['pr_action', trigger.prAction],
    ['build_number', trigger.buildNumber],
    ['build_id', trigger.buildId],
    ['project', trigger.project],
    ['actor', trigger.actor],
    ['workspace', extras.workspace],
    ['job', extras.job],
    ['server_url', extras.serverUrl],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as RitmoContext;
}
