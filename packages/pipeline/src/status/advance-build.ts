import { toError } from '@ritmo/shared';
import { callsStatusFunction } from '../expressions/calls-status-function.js';
import { evaluateCondition, unwrapCondition } from '../expressions/evaluate-condition.js';
import type { ExpressionContext, StatusContext } from '../expressions/expression-context.js';
import type { Plan, PlanJob } from '../plan.js';
import { isFinalStatus, type JobStatus } from './job-status.js';
import { buildNeedsContext } from './needs-context.js';
import { createUpstreamReader, type UpstreamState } from './upstream-state.js';

export interface JobState {
  status: JobStatus;
  outputs?: Record<string, string>;
}

export interface AdvanceOptions {
  /** The build was cancelled: pending jobs are skipped and started ones canceled, unless their `if` asks for always() or cancelled(). */
  cancelled?: boolean;
  hashFiles?: (patterns: string[]) => string;
}

export interface JobAction {
  jobId: string;
  reason: string;
}

/** What to do next. Every job appears at most once; jobs not mentioned keep their status. */
export interface BuildAdvance {
  /** Pending jobs to make `queued` (or `waiting`, when the server holds them for an approval). */
  queue: string[];
  /** Pending jobs to mark `skipped`. */
  skip: JobAction[];
  /** Unfinished jobs to cancel (fail-fast, a cancelled build). */
  cancel: JobAction[];
  /** Pending jobs whose `if:` could not be evaluated: they end as `failure`. */
  fail: JobAction[];
}

/**
 * The DAG step of a build, pure: given the plan and each job's current status (missing = `pending`),
 * decides which pending jobs whose needs are all final to queue, skip or fail, applies fail-fast and
 * max-parallel to matrix cells, and on a cancelled build which started jobs to cancel. Decisions cascade
 * within one call (a skipped job's dependents are decided too). Calling it again with the actions applied
 * returns nothing new.
 */
export function advanceBuild(
  plan: Plan,
  state: Readonly<Record<string, JobState>>,
  ctx: ExpressionContext,
  options: AdvanceOptions = {},
): BuildAdvance {
  const jobsById = new Map(plan.jobs.map((j) => [j.id, j]));
  const status = new Map<string, JobStatus>(plan.jobs.map((j) => [j.id, state[j.id]?.status ?? 'pending']));
  const advance: BuildAdvance = { queue: [], skip: [], cancel: [], fail: [] };
  const cancelled = options.cancelled ?? false;
  const lookup = {
    jobsById,
    statusOf: (id: string): JobStatus => status.get(id) ?? 'skipped',
    outputsOf: (id: string) => state[id]?.outputs,
    buildCancelled: cancelled,
  };

  const conditionOf = (job: PlanJob, upstream: UpstreamState): { holds: boolean } | { error: string } => {
    const jobCtx: ExpressionContext = {
      ...ctx,
      // `ritmo.job` is the job's plan id, as in its steps.
      ritmo: { ...ctx.ritmo, job: job.id },
      needs: buildNeedsContext(job, lookup),
      matrix: job.matrix ?? {},
    };
    const statusCtx: StatusContext = { failed: upstream.failed !== undefined, cancelled, skipped: upstream.skipped !== undefined };
    try {
      return { holds: evaluateCondition(job.if, jobCtx, { status: statusCtx, hashFiles: options.hashFiles }) };
    } catch (e: unknown) {
      return { error: toError(e).message };
    }
  };

  const cancel = (job: PlanJob, reason: string): void => {
    const queuedNow = advance.queue.indexOf(job.id);
    if (queuedNow >= 0) advance.queue.splice(queuedNow, 1);
    advance.cancel.push({ jobId: job.id, reason });
    status.set(job.id, 'canceled');
  };

  let changed = true;
  while (changed) {
    changed = false;
    const upstreamOf = createUpstreamReader(lookup);

    if (cancelled) {
      for (const job of plan.jobs) {
        const s = status.get(job.id);
        if (s !== 'queued' && s !== 'running' && s !== 'waiting') continue;
        const decision = conditionOf(job, upstreamOf(job));
        if ('holds' in decision && decision.holds) continue;
        cancel(job, 'build canceled');
        changed = true;
      }
    }

    for (const job of plan.jobs) {
      if (status.get(job.id) !== 'failure' || job.continueOnError || !job.failFast || !job.matrixGroup) continue;
      for (const sibling of plan.jobs) {
        if (sibling.matrixGroup !== job.matrixGroup || isFinalStatus(status.get(sibling.id) ?? 'pending')) continue;
        cancel(sibling, `fail-fast: "${job.name}" failed`);
        changed = true;
      }
    }

    for (const job of plan.jobs) {
      if (status.get(job.id) !== 'pending') continue;
      if (!job.needs.every((id) => isFinalStatus(lookup.statusOf(id)))) continue;
      const upstream = upstreamOf(job);
      const decision = conditionOf(job, upstream);
      if ('error' in decision) {
        advance.fail.push({ jobId: job.id, reason: decision.error });
        status.set(job.id, 'failure');
      } else if (!decision.holds) {
        advance.skip.push({ jobId: job.id, reason: skipReason(job, upstream, cancelled) });
        status.set(job.id, 'skipped');
      } else if (hasParallelRoom(job, plan, status)) {
        advance.queue.push(job.id);
        status.set(job.id, 'queued');
      } else {
        continue;
      }
      changed = true;
    }
  }
  return advance;
}

function hasParallelRoom(job: PlanJob, plan: Plan, status: ReadonlyMap<string, JobStatus>): boolean {
  if (job.maxParallel === undefined || job.matrixGroup === undefined) return true;
  let active = 0;
  for (const other of plan.jobs) {
    if (other.matrixGroup !== job.matrixGroup) continue;
    const s = status.get(other.id);
    if (s === 'queued' || s === 'running') active++;
  }
  return active < job.maxParallel;
}

function skipReason(job: PlanJob, upstream: UpstreamState, cancelled: boolean): string {
  if (cancelled) return 'build canceled';
  const condition = unwrapCondition(job.if);
  if (condition === undefined || !callsStatusFunction(condition)) {
    if (upstream.failed !== undefined) return `needed job "${upstream.failed}" failed`;
    if (upstream.skipped !== undefined) return `needed job "${upstream.skipped}" was skipped`;
  }
  return `if: ${condition?.trim() ?? 'success()'} was false`;
}
