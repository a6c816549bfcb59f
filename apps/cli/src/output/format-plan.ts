import type { Plan, PlanJob, TriggerContext } from '@ritmo/pipeline';
import type { JobDecision } from '../plan/decide-jobs.js';
import type { Colors } from './colors.js';

export interface PlanView {
  plan: Plan;
  /** Jobs in topological order. */
  order: readonly PlanJob[];
  trigger: TriggerContext;
  /** Whether `on:` matches the trigger, and why not. */
  on: { matches: boolean; reason?: string };
  decisions: Readonly<Record<string, JobDecision>>;
}

/** The text of `ritmo plan`: a header with the trigger, then one block per job in topological order. */
export function formatPlan(view: PlanView, colors: Colors): string {
  const { plan, trigger } = view;
  const jobWord = plan.jobs.length === 1 ? 'job' : 'jobs';
  const lines = [`${colors.bold(`pipeline ${plan.name}`)} (${plan.file}), ${plan.jobs.length} ${jobWord}`];
  const facts = [`event ${trigger.event}`];
  if (trigger.ref !== undefined) facts.push(`ref ${trigger.ref}`);
  if (trigger.sha !== undefined) facts.push(`sha ${trigger.sha.slice(0, 12)}`);
  const on = view.on.matches ? colors.green('matches') : `${colors.yellow('does not match')}${view.on.reason ? `: ${view.on.reason}` : ''}`;
  lines.push(`${facts.join(', ')}; on: ${on}`);
  const inputs = Object.entries(trigger.inputs ?? {});
  if (inputs.length > 0) lines.push(`inputs: ${inputs.map(([k, v]) => `${k}=${String(v)}`).join(', ')}`);
  for (const job of view.order) {
    lines.push('', ...formatJob(job, view.decisions[job.id], colors));
  }
  return `${lines.join('\n')}\n`;
}

function formatJob(job: PlanJob, decision: JobDecision | undefined, colors: Colors): string[] {
  const title = job.id === job.name ? colors.bold(job.name) : `${colors.bold(job.name)} ${colors.dim(`[${job.id}]`)}`;
  const lines = [title];
  const field = (name: string, value: string): void => {
    lines.push(`  ${colors.dim(`${name}:`)} ${value}`);
  };
  if (job.stage !== undefined) field('stage', job.stage);
  if (job.needs.length > 0) field('needs', job.needs.join(', '));
  if (job.matrix !== undefined) {
    field('matrix', Object.entries(job.matrix).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', '));
  }
  if (job.runsOn.length > 0) field('runs-on', job.runsOn.join(', '));
  if (job.image !== undefined) field('image', job.image);
  field('steps', String(job.steps.length));
  if (job.continueOnError) field('continue-on-error', 'true');
  if (decision === undefined) return lines;
  if (decision.if !== undefined) {
    const value = typeof decision.condition === 'boolean' ? String(decision.condition) : `error: ${decision.condition.error}`;
    field('if', `${decision.if.trim()} -> ${value}`);
  }
  const paint = decision.decision === 'run' ? colors.green : decision.decision === 'skip' ? colors.gray : colors.red;
  field('decision', `${paint(decision.decision)}${decision.reason === undefined ? '' : ` (${decision.reason})`}`);
  return lines;
}
