import { RitmoError } from '@ritmo/shared';
import type { StoreTransaction } from '@ritmo/store';
import { advanceInTransaction } from './advance-in-transaction.js';
import { mergeChanges, type BuildChanges } from './build-changes.js';
import { lockBuild } from './lock-build.js';
import { shouldRetry } from './should-retry.js';

export interface JobResult {
  /** The attempt the result is for; a result for an older attempt is stale (ERR_STORE_CONFLICT). */
  attempt: number;
  status: 'success' | 'failure' | 'canceled';
  exitCode?: number | null;
  /** `agent-lost`, `timeout`, or a short cause. */
  reason?: string | null;
  outputs?: Record<string, string>;
}

/** A queued job starts: a new attempt with its steps, then the build moves to `running`. */
export async function startJobInTransaction(tx: StoreTransaction, jobId: string, agentId: string | null, now: number): Promise<BuildChanges> {
  const queued = await tx.jobs.getJob(jobId);
  await lockBuild(tx, queued.buildId);
  const job = await tx.jobs.updateJob(jobId, { status: 'running', startedAt: now, finishedAt: null, agentId }, { ifStatus: ['queued'] });
  await tx.jobAttempts.createJobAttempt({ jobId, attempt: job.attempt, agentId, status: 'running', startedAt: now });
  const steps = await tx.steps.createSteps(
    jobId,
    job.attempt,
    job.planJob.steps.map((s) => ({ stepId: s.id, name: s.name, status: 'pending' as const })),
  );
  const after = await advanceInTransaction(tx, job.buildId, now);
  return mergeChanges({ build: after.build, statusChanged: false, finished: false, jobs: [job], steps }, after);
}

/**
 * A running job ends. A failure the retry policy covers queues the job again as a new attempt;
 * anything else is final, and the DAG moves on.
 */
export async function finishJobInTransaction(tx: StoreTransaction, jobId: string, result: JobResult, now: number): Promise<BuildChanges> {
  const current = await tx.jobs.getJob(jobId);
  await lockBuild(tx, current.buildId);
  const job = await tx.jobs.getJob(jobId);
  if (job.attempt !== result.attempt || job.status !== 'running') {
    throw new RitmoError('ERR_STORE_CONFLICT', `job ${jobId} attempt ${result.attempt} is not running (it is attempt ${job.attempt}, ${job.status})`, {
      details: { entity: 'job', id: jobId, status: job.status, attempt: job.attempt },
    });
  }
  const exitCode = result.exitCode ?? null;
  const reason = result.reason ?? null;
  const lost = reason === 'agent-lost';
  await tx.jobAttempts
    .updateJobAttempt(jobId, job.attempt, { status: lost ? 'lost' : result.status, exitCode, reason, finishedAt: now }, { ifStatus: ['running'] })
    .catch(() => undefined);
  const retry = result.status === 'failure' && shouldRetry(job.planJob.retry, job.attempt, { reason, exitCode });
  const updated = retry
    ? await tx.jobs.updateJob(jobId, {
        status: 'queued',
        attempt: job.attempt + 1,
        reason: `retrying after attempt ${job.attempt}: ${reason ?? `exit code ${exitCode ?? 'unknown'}`}`,
        exitCode: null,
        agentId: null,
        leaseToken: null,
        leaseExpiresAt: null,
        queuedAt: now,
        startedAt: null,
      })
    : await tx.jobs.updateJob(jobId, {
        status: result.status,
        exitCode,
        reason,
        finishedAt: now,
        leaseToken: null,
        leaseExpiresAt: null,
        ...(result.outputs ? { outputs: result.outputs } : {}),
      });
  const after = await advanceInTransaction(tx, job.buildId, now);
  return mergeChanges({ build: after.build, statusChanged: false, finished: false, jobs: [updated], steps: [] }, after);
}
