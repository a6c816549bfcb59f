import { toError } from '@ritmo/shared';
import type { EndedAttempt, LeaseRef, RetryDecision } from '@ritmo/store';
import { shouldRetry } from '../orchestration/should-retry.js';
import type { AgentApiDeps } from './agent-api-deps.js';
import { closeSteps } from './close-steps.js';

export interface AttemptReport {
  status: 'success' | 'failure' | 'canceled';
  exitCode: number | null;
  outputs: Record<string, string>;
  reason: string | null;
}

/** The job's `retry:` policy, counting the retries earlier attempts used (released ones count for nothing). */
const retryDecision: RetryDecision = (job, outcome) => shouldRetry(job.planJob.retry, outcome.retriesUsed + 1, { reason: outcome.reason, exitCode: outcome.exitCode });

/**
 * The agent's result for its attempt, fenced by the lease: the attempt ends, the job ends or is queued
 * again per its retry policy, open steps are closed, and the build moves on (dependents queued).
 */
export async function finishAttempt(deps: Pick<AgentApiDeps, 'store' | 'publisher' | 'orchestrator' | 'metrics' | 'clock' | 'logger'>, ref: LeaseRef, report: AttemptReport): Promise<EndedAttempt> {
  const ended = await deps.store.queue.completeJob({ ...ref, ...report, retry: retryDecision, now: deps.clock.now() });
  const job = ended.job;
  await closeSteps(deps, job.buildId, job.id, ref.attempt, report.status === 'success' ? 'success' : report.status);
  deps.publisher.jobStatus(job);
  if (!ended.requeued && job.startedAt !== null && job.finishedAt !== null) {
    deps.metrics.jobDuration.observe({ status: job.status }, Math.max(0, job.finishedAt - job.startedAt) / 1000);
  }
  await deps.orchestrator.advance(job.buildId).catch((e: unknown) => deps.logger.warn({ err: toError(e), buildId: job.buildId }, 'could not advance the build after a job ended'));
  return ended;
}
