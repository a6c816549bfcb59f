import { toJob, type Job } from '../repositories/jobs/job-record.js';
import type { RepoContext } from '../repositories/repo-context.js';
import { leaseConflict } from './lease-conflict.js';
import { leaseMatches } from './lease-matches.js';
import type { LeaseRef } from './lease-ref.js';

/**
 * The fence in front of every agent write (step updates, log chunks, outputs, artifacts): returns the
 * job when `ref` still holds its lease, else throws ERR_STORE_LEASE_CONFLICT (409) with
 * `details.reason` (stale-attempt, lost, canceled, completed, released ...), or ERR_STORE_NOT_FOUND.
 *
 * Inside a transaction on PostgreSQL the row is share-locked until commit, so the lease cannot be
 * taken away (completed, expired, canceled) between this check and the caller's write.
 */
export async function assertLease(ctx: RepoContext, ref: LeaseRef): Promise<Job> {
  const query = ctx.db.selectFrom('jobs').selectAll().where(leaseMatches(ref));
  const row = ctx.dialect === 'postgres' ? await query.forShare().executeTakeFirst() : await query.executeTakeFirst();
  if (row === undefined) throw await leaseConflict(ctx, ref);
  return toJob(row);
}
