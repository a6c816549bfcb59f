import { isRitmoError, toError } from '@ritmo/shared';
import type { RepoContext } from '../repositories/repo-context.js';
import { extendLease } from './extend-lease.js';
import type { LeaseConflictReason, LeaseRef } from './lease-ref.js';

export interface ExtendLeasesInput {
  /** Every job the agent runs, as its heartbeat lists them. */
  leases: readonly LeaseRef[];
  ttlMs: number;
  now?: number;
}

export interface ExtendLeasesResult {
  extended: { jobId: string; attempt: number; leaseExpiresAt: number; firstHeartbeat: boolean }[];
  /** Jobs the agent must stop: their lease no longer holds (`unknown-job` when the job is gone). */
  rejected: { jobId: string; attempt: number; reason: LeaseConflictReason | 'unknown-job' }[];
}

function rejectionOf(e: unknown): LeaseConflictReason | 'unknown-job' {
  if (isRitmoError(e, 'ERR_STORE_NOT_FOUND')) return 'unknown-job';
  if (isRitmoError(e, 'ERR_STORE_LEASE_CONFLICT')) return (e.details as { reason: LeaseConflictReason }).reason;
  throw toError(e);
}

/**
 * The heartbeat of an agent running several jobs: each lease is renewed on its own, so one stale job
 * does not fail the others; the answer says which ones to stop. Leases are taken in job id order.
 */
export async function extendLeases(ctx: RepoContext, input: ExtendLeasesInput): Promise<ExtendLeasesResult> {
  const now = input.now ?? ctx.clock.now();
  const result: ExtendLeasesResult = { extended: [], rejected: [] };
  const sorted = [...input.leases].sort((a, b) => (a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : a.attempt - b.attempt));
  for (const ref of sorted) {
    try {
      const lease = await extendLease(ctx, { ...ref, ttlMs: input.ttlMs, now });
      result.extended.push({ jobId: ref.jobId, attempt: ref.attempt, ...lease });
    } catch (e: unknown) {
      result.rejected.push({ jobId: ref.jobId, attempt: ref.attempt, reason: rejectionOf(e) });
    }
  }
  return result;
}
