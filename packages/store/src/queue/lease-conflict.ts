import { RitmoError } from '@ritmo/shared';
import type { RepoContext } from '../repositories/repo-context.js';
import { notFound } from '../repositories/not-found.js';
import { RELEASED, type LeaseConflictReason, type LeaseRef } from './lease-ref.js';

interface Facts {
  jobStatus: string;
  currentAttempt: number;
  leaseToken: string | null;
  attemptStatus: string | undefined;
  attemptReason: string | null | undefined;
}

/** The most telling reason: what became of the caller's attempt first, then how the job moved on. */
function reasonOf(ref: LeaseRef, f: Facts): LeaseConflictReason {
  switch (f.attemptStatus) {
    case 'lost':
      return 'lost';
    case 'canceled':
      return f.attemptReason?.startsWith(RELEASED) === true ? 'released' : 'canceled';
    case 'success':
    case 'failure':
      return 'completed';
    default:
      break;
  }
  if (ref.attempt < f.currentAttempt) return 'stale-attempt';
  if (f.jobStatus === 'canceled') return 'canceled';
  if (f.jobStatus === 'success' || f.jobStatus === 'failure' || f.jobStatus === 'skipped') return 'completed';
  if (f.jobStatus !== 'running' || ref.attempt !== f.currentAttempt) return 'not-running';
  return 'token-mismatch';
}

/**
 * Reads why `ref` does not hold and returns the ERR_STORE_LEASE_CONFLICT to throw (ERR_STORE_NOT_FOUND
 * when the job does not exist). Call it after a lease-guarded read or update matched nothing.
 */
export async function leaseConflict(ctx: RepoContext, ref: LeaseRef): Promise<RitmoError> {
  const job = await ctx.db.selectFrom('jobs').select(['status', 'attempt', 'lease_token']).where('id', '=', ref.jobId).executeTakeFirst();
  if (job === undefined) return notFound('job', { id: ref.jobId });
  const attempt = await ctx.db
    .selectFrom('job_attempts')
    .select(['status', 'reason'])
    .where('job_id', '=', ref.jobId)
    .where('attempt', '=', ref.attempt)
    .executeTakeFirst();
  const facts: Facts = {
    jobStatus: job.status,
    currentAttempt: job.attempt,
    leaseToken: job.lease_token,
    attemptStatus: attempt?.status,
    attemptReason: attempt?.reason,
  };
  const reason = reasonOf(ref, facts);
  return new RitmoError('ERR_STORE_LEASE_CONFLICT', `job ${ref.jobId} attempt ${ref.attempt} no longer holds its lease (${reason})`, {
    details: {
      jobId: ref.jobId,
      attempt: ref.attempt,
      reason,
      jobStatus: facts.jobStatus,
      currentAttempt: facts.currentAttempt,
      attemptStatus: facts.attemptStatus ?? null,
    },
  });
}
