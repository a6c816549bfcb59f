import type { Updateable } from 'kysely';
import { toJob, type Job } from '../repositories/jobs/job-record.js';
import { toJson } from '../repositories/json-columns.js';
import type { RepoContext } from '../repositories/repo-context.js';
import type { JobsTable } from '../schema/build-tables.js';
import { countAttempts } from './count-attempts.js';
import { leaseConflict } from './lease-conflict.js';
import { leaseMatches } from './lease-matches.js';
import type { LeaseRef } from './lease-ref.js';
import { requeuePatch } from './requeue-patch.js';

export type AttemptResult = 'success' | 'failure' | 'canceled';

/** What a retry decision sees about the attempt that just ended. */
export interface AttemptOutcome {
  status: AttemptResult;
  exitCode: number | null;
  reason: string | null;
  /** Earlier attempts that failed or lost their agent (released ones do not count). */
  retriesUsed: number;
}

/** Decides, inside the ending transaction, whether a failed attempt is retried as a new attempt. */
export type RetryDecision = (job: Job, outcome: AttemptOutcome) => boolean;

export interface EndedAttempt {
  /** The job afterwards: in its final status, or `queued` again when `requeued`. */
  job: Job;
  attempt: number;
  attemptStatus: AttemptResult;
  requeued: boolean;
}

export interface AttemptEnd {
  status: AttemptResult;
  exitCode: number | null;
  reason: string | null;
  outputs?: Record<string, string>;
  /** `always` puts the job back in the queue (release); a function decides for failures; else the job ends. */
  requeue?: 'always' | RetryDecision;
  now: number;
}

async function shouldRequeue(ctx: RepoContext, job: Job, end: AttemptEnd): Promise<boolean> {
  if (end.requeue === 'always') return true;
  if (end.requeue === undefined || end.status !== 'failure') return false;
  const { retriesUsed } = await countAttempts(ctx, job.id, job.attempt);
  return end.requeue(job, { status: end.status, exitCode: end.exitCode, reason: end.reason, retriesUsed });
}

function finalPatch(end: AttemptEnd): Updateable<JobsTable> {
  return {
    status: end.status,
    exit_code: end.exitCode,
    reason: end.reason,
    ...(end.outputs === undefined ? {} : { outputs: toJson(end.outputs) }),
    lease_token: null,
    lease_expires_at: null,
    first_heartbeat_deadline: null,
    finished_at: end.now,
    updated_at: end.now,
  };
}

/**
 * Ends the attempt `ref` holds, in one transaction: the lease is checked (ERR_STORE_LEASE_CONFLICT
 * otherwise), the attempt row gets its result, and the job either ends or goes back to the queue.
 * Every write is guarded by the lease or by the attempt still running, so a second end of the same
 * attempt is a conflict, never a second transition.
 */
export function endAttempt(ctx: RepoContext, ref: LeaseRef, end: AttemptEnd): Promise<EndedAttempt> {
  return ctx.inTransaction(async (tx) => {
    const query = tx.db.selectFrom('jobs').selectAll().where(leaseMatches(ref));
    const row = tx.dialect === 'postgres' ? await query.forUpdate().executeTakeFirst() : await query.executeTakeFirst();
    if (row === undefined) throw await leaseConflict(tx, ref);
    const requeue = await shouldRequeue(tx, toJob(row), end);
    const attempt = await tx.db
      .updateTable('job_attempts')
      .set({ status: end.status, exit_code: end.exitCode, reason: end.reason, finished_at: end.now })
      .where('job_id', '=', ref.jobId)
      .where('attempt', '=', ref.attempt)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (attempt.numUpdatedRows === 0n) throw await leaseConflict(tx, ref);
    const patch = requeue ? requeuePatch(end.now, `requeued after attempt ${ref.attempt}: ${end.reason ?? end.status}`) : finalPatch(end);
    const updated = await tx.db.updateTable('jobs').set(patch).where(leaseMatches(ref)).returningAll().executeTakeFirst();
    if (updated === undefined) throw await leaseConflict(tx, ref);
    return { job: toJob(updated), attempt: ref.attempt, attemptStatus: end.status, requeued: requeue };
  });
}
