import { RitmoError } from '@ritmo/shared';
import type { RepoContext } from '../repositories/repo-context.js';
import { leaseConflict } from './lease-conflict.js';
import { leaseMatches } from './lease-matches.js';
import type { LeaseRef } from './lease-ref.js';

export interface ExtendLeaseInput extends LeaseRef {
  ttlMs: number;
  now?: number;
}

export interface ExtendedLease {
  leaseExpiresAt: number;
  /** True for the heartbeat that moved the job from `claimed` to `running`. */
  firstHeartbeat: boolean;
}

/**
 * A heartbeat: the lease now ends `ttlMs` after `now`, and the first heartbeat of the attempt is
 * recorded. A lease past its expiry that no sweep has taken yet is still the agent's and is renewed;
 * once expireLeases took it, this throws ERR_STORE_LEASE_CONFLICT (reason `lost`). Each statement is
 * guarded by the lease, so no transaction (and no row lock beyond one statement) is needed.
 */
export async function extendLease(ctx: RepoContext, input: ExtendLeaseInput): Promise<ExtendedLease> {
  if (!Number.isFinite(input.ttlMs) || input.ttlMs <= 0) {
    throw new RitmoError('ERR_INVALID_ARGUMENT', 'ttlMs must be a positive number of milliseconds', { details: { ttlMs: input.ttlMs } });
  }
  const now = input.now ?? ctx.clock.now();
  const row = await ctx.db
    .updateTable('jobs')
    .set({ lease_expires_at: now + input.ttlMs, last_heartbeat_at: now })
    .where(leaseMatches(input))
    .returning(['lease_expires_at'])
    .executeTakeFirst();
  if (row?.lease_expires_at == null) throw await leaseConflict(ctx, input);
  const first = await ctx.db
    .updateTable('job_attempts')
    .set({ first_heartbeat_at: now })
    .where('job_id', '=', input.jobId)
    .where('attempt', '=', input.attempt)
    .where('status', '=', 'running')
    .where('first_heartbeat_at', 'is', null)
    .executeTakeFirst();
  return { leaseExpiresAt: row.lease_expires_at, firstHeartbeat: first.numUpdatedRows > 0n };
}
