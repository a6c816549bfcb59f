import type { ExpressionContext } from '../expressions/expression-context.js';
import type { Plan } from '../plan.js';
import { advanceBuild, type BuildAdvance, type JobState } from './advance-build.js';
import { deriveBuildStatus } from './derive-build-status.js';
import type { BuildStatus, JobStatus } from './job-status.js';

export interface Scenario {
  /** How each job ends when it runs (default success). */
  outcomes?: Record<string, 'success' | 'failure'>;
  /** Outputs a job writes when it runs. */
  outputs?: Record<string, Record<string, string>>;
  /** Cancel the build right after this job finishes. */
  cancelAfter?: string;
  ctx?: ExpressionContext;
}

export interface SimulationResult {
  statuses: Record<string, JobStatus>;
  build: BuildStatus;
  /** Jobs in the order they finished running (success or failure). */
  ran: string[];
  /** Highest number of queued + running cells per matrix group at any time. */
  peak: Record<string, number>;
  reasons: Record<string, string>;
}

/**
 * Drives a plan to its end the way a server would: apply every advance, start all queued jobs, finish the
 * first running one (in plan order) with its scripted outcome, advance again.
 */
export function simulate(plan: Plan, scenario: Scenario = {}): SimulationResult {
  const state: Record<string, JobState> = {};
  const ran: string[] = [];
  const peak: Record<string, number> = {};
  const reasons: Record<string, string> = {};
  let cancelled = false;
  const statusOf = (id: string): JobStatus => state[id]?.status ?? 'pending';
  const apply = (advance: BuildAdvance): void => {
    for (const id of advance.queue) state[id] = { status: 'queued' };
    for (const a of advance.skip) (state[a.jobId] = { status: 'skipped' }), (reasons[a.jobId] = a.reason);
    for (const a of advance.cancel) (state[a.jobId] = { status: 'canceled' }), (reasons[a.jobId] = a.reason);
    for (const a of advance.fail) (state[a.jobId] = { status: 'failure' }), (reasons[a.jobId] = a.reason);
  };
  for (let round = 0; round < 10_000; round++) {
    apply(advanceBuild(plan, state, scenario.ctx ?? {}, { cancelled }));
    for (const job of plan.jobs) {
      if (statusOf(job.id) === 'queued') state[job.id] = { status: 'running' };
    }
    for (const job of plan.jobs) {
      if (!job.matrixGroup) continue;
      const active = plan.jobs.filter((j) => j.matrixGroup === job.matrixGroup && ['queued', 'running'].includes(statusOf(j.id)));
      peak[job.matrixGroup] = Math.max(peak[job.matrixGroup] ?? 0, active.length);
    }
    const next = plan.jobs.find((j) => statusOf(j.id) === 'running');
    if (!next) break;
    const outputs = scenario.outputs?.[next.id];
    state[next.id] = { status: scenario.outcomes?.[next.id] ?? 'success', ...(outputs ? { outputs } : {}) };
    ran.push(next.id);
    if (scenario.cancelAfter === next.id) cancelled = true;
  }
  const statuses = Object.fromEntries(plan.jobs.map((j) => [j.id, statusOf(j.id)]));
  const build = deriveBuildStatus(
    plan.jobs.map((j) => ({ status: statusOf(j.id), continueOnError: j.continueOnError })),
    { canceled: cancelled },
  );
  return { statuses, build, ran, peak, reasons };
}
