import { sql, type Selectable } from 'kysely';
import { RitmoError } from '@ritmo/shared';
import { isUniqueViolation, translateDbError } from '../repositories/db-errors.js';
import type { RepoContext } from '../repositories/repo-context.js';
import type { JobsTable } from '../schema/build-tables.js';
import { toClaimedJob, type ClaimedJob } from './claimed-job.js';
import { findClaim } from './find-claim.js';
import { newLeaseToken } from './lease-token.js';
import { pickQueuedJob } from './pick-queued-job.js';

/** The first heartbeat must come within this long after a claim, unless the lease is shorter. */
export const DEFAULT_FIRST_HEARTBEAT_TIMEOUT_MS = 30_000;

export interface ClaimJobInput {
  agentId: string;
  /** Every label the agent has; a job is claimable when all of its `runs-on` labels are among them. */
  labels: readonly string[];
  /** Unique per agent and request: repeating it returns the same claim instead of claiming another job. */
  requestId: string;
  leaseTtlMs: number;
  /** Default: the smaller of the lease TTL and 30 s. */
  firstHeartbeatTimeoutMs?: number;
  now?: number;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RitmoError('ERR_INVALID_ARGUMENT', `${name} must be a positive number of milliseconds`, { details: { [name]: value } });
  return value;
}

async function nextAttempt(ctx: RepoContext, row: Selectable<JobsTable>): Promise<number> {
  const last = await ctx.db
    .selectFrom('job_attempts')
    .select(sql<number | null>`max(attempt)`.as('n'))
    .where('job_id', '=', row.id)
    .executeTakeFirst();
  return Math.max(row.attempt, Number(last?.n ?? 0) + 1);
}

async function claimIn(ctx: RepoContext, input: ClaimJobInput, now: number, ttl: number, firstMs: number): Promise<ClaimedJob | undefined> {
  const earlier = await findClaim(ctx, input.agentId, input.requestId);
  if (earlier.found === 'active') return earlier.claim;
  if (earlier.found === 'ended') return undefined;
  const picked = await pickQueuedJob(ctx, input.labels);
  if (picked === undefined) return undefined;
  const attempt = await nextAttempt(ctx, picked);
  const row = await ctx.db
    .updateTable('jobs')
    .set({
      status: 'running',
      attempt,
      agent_id: input.agentId,
      lease_token: newLeaseToken(),
      lease_expires_at: now + ttl,
      first_heartbeat_deadline: now + firstMs,
      last_heartbeat_at: null,
      claim_request_id: input.requestId,
      exit_code: null,
      reason: null,
      started_at: now,
      finished_at: null,
      updated_at: now,
    })
    .where('id', '=', picked.id)
    .where('status', '=', 'queued')
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('job_attempts')
    .values({ job_id: row.id, attempt, agent_id: input.agentId, status: 'running', started_at: now, claim_request_id: input.requestId })
    .execute();
  return toClaimedJob(row, now, input.requestId, false);
}

/**
 * Claims the next queued job for an agent (see pickQueuedJob for the order and the label rule) and
 * starts a new attempt with a fresh lease, all in one transaction. Returns undefined when no queued
 * job fits. The job is `running` from here on, in the `claimed` phase until its first heartbeat.
 *
 * Idempotent per (agentId, requestId): a repeat returns the same claim (`replayed: true`) while its
 * attempt runs, and undefined once that attempt ended. Two concurrent requests with the same id
 * cannot both claim: the second trips the unique key on job_attempts, rolls back, and answers with
 * the first one's claim (when called outside a transaction; inside one, the error propagates).
 */
export async function claimJob(ctx: RepoContext, input: ClaimJobInput): Promise<ClaimedJob | undefined> {
  const ttl = positive('leaseTtlMs', input.leaseTtlMs);
  const firstMs = positive('firstHeartbeatTimeoutMs', input.firstHeartbeatTimeoutMs ?? Math.min(ttl, DEFAULT_FIRST_HEARTBEAT_TIMEOUT_MS));
  const now = input.now ?? ctx.clock.now();
  try {
    return await ctx.inTransaction((tx) => claimIn(tx, input, now, ttl, firstMs));
  } catch (e: unknown) {
    if (!isUniqueViolation(e)) throw translateDbError(e, 'job attempt', { agentId: input.agentId });
    const earlier = await findClaim(ctx, input.agentId, input.requestId);
    return earlier.found === 'active' ? earlier.claim : undefined;
  }
}
