import {
  advanceBuild,
  evaluateCondition,
  type ExpressionContext,
  type JobState,
  type NeedContext,
  type Plan,
  type PlanJob,
} from '@ritmo/pipeline';
import { toError } from '@ritmo/shared';

/** What `ritmo plan` says about one job. */
export interface JobDecision {
  /** The job's `if:` as written, when it has one. */
  if?: string;
  /** What the `if:` evaluates to when every need succeeded; an error text when it cannot be evaluated. */
  condition: boolean | { error: string };
  /** What a build would do, every started job assumed to succeed: run it, skip it, or fail it (bad `if:`). */
  decision: 'run' | 'skip' | 'fail';
  reason?: string;
}

/**
 * Decides every job for a trigger without running anything: each `if:` on its own (needs assumed
 * successful), and the build-wide outcome from `advanceBuild` with every queued job assumed to succeed
 * (so a job whose need is skipped is skipped too).
 */
export function decideJobs(
  plan: Plan,
  ctx: ExpressionContext,
  hashFiles?: (patterns: string[]) => string,
): Record<string, JobDecision> {
  const outcome = simulateBuild(plan, ctx, hashFiles);
  const decisions: Record<string, JobDecision> = {};
  for (const job of plan.jobs) {
    const final = outcome.get(job.id) ?? { decision: 'skip', reason: 'not reached' };
    decisions[job.id] = { ...(job.if === undefined ? {} : { if: job.if }), condition: conditionAlone(job, ctx, hashFiles), ...final };
  }
  return decisions;
}

function conditionAlone(job: PlanJob, ctx: ExpressionContext, hashFiles?: (patterns: string[]) => string): boolean | { error: string } {
  const needs: Record<string, NeedContext> = {};
  for (const key of job.needsKeys) needs[key] = { result: 'success', outputs: {} };
  try {
    return evaluateCondition(job.if, { ...ctx, needs, matrix: job.matrix ?? {} }, {
      status: { failed: false, cancelled: false },
      ...(hashFiles === undefined ? {} : { hashFiles }),
    });
  } catch (e: unknown) {
    return { error: toError(e).message };
  }
}

function simulateBuild(
  plan: Plan,
  ctx: ExpressionContext,
  hashFiles?: (patterns: string[]) => string,
): Map<string, { decision: JobDecision['decision']; reason?: string }> {
  const state: Record<string, JobState> = {};
  const outcome = new Map<string, { decision: JobDecision['decision']; reason?: string }>();
  for (;;) {
    const next = advanceBuild(plan, state, ctx, hashFiles === undefined ? {} : { hashFiles });
    if (next.queue.length + next.skip.length + next.fail.length === 0) return outcome;
    for (const id of next.queue) {
      state[id] = { status: 'success', outputs: {} };
      outcome.set(id, { decision: 'run' });
    }
    for (const { jobId, reason } of next.skip) {
      state[jobId] = { status: 'skipped' };
      outcome.set(jobId, { decision: 'skip', reason });
    }
    for (const { jobId, reason } of next.fail) {
      state[jobId] = { status: 'failure' };
      outcome.set(jobId, { decision: 'fail', reason });
    }
  }
}
