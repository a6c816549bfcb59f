import { sql, type Selectable, type SqlBool } from 'kysely';
import { toJob, type Job } from '../repositories/jobs/job-record.js';
import type { RepoContext } from '../repositories/repo-context.js';
import type { JobsTable } from '../schema/build-tables.js';
import { agentLostRetries, type AgentLostPolicy } from './agent-lost-retries.js';
import { countAttempts } from './count-attempts.js';
import { AGENT_LOST, FIRST_HEARTBEAT_MISSED } from './lease-ref.js';
import { requeuePatch } from './requeue-patch.js';

export interface ExpireLeasesInput {
  now?: number;
  /** Default: agentLostRetries (once, more when the job's `retry:` covers agent-lost). */
  retryPolicyFor?: (job: Job) => AgentLostPolicy;
  /** Jobs handled per call (default 100); call again while `more` is true. */
  limit?: number;
}

export interface ExpiredLease {
  jobId: string;
  buildId: string;
  attempt: number;
  agentId: string | null;
  /** `lease-expired`: heartbeats stopped. `first-heartbeat-missed`: the claim was never confirmed. */
  cause: 'lease-expired' | 'first-heartbeat-missed';
  /** `requeued`: back in the queue for a new attempt; `failed`: the job ended `failure` (agent-lost). */
  outcome: 'requeued' | 'failed';
  /** The job afterwards. */
  job: Job;
}

export interface ExpireLeasesResult {
  expired: ExpiredLease[];
  /** True when the limit was reached and more leases may be waiting. */
  more: boolean;
}

function expiredAt(now: number) {
  return sql<SqlBool>`(${sql.ref('lease_expires_at')} <= ${now} or (${sql.ref('last_heartbeat_at')} is null and ${sql.ref('first_heartbeat_deadline')} <= ${now}))`;
}

async function expireOne(ctx: RepoContext, row: Selectable<JobsTable>, now: number, policyFor: (job: Job) => AgentLostPolicy): Promise<ExpiredLease | undefined> {
  const job = toJob(row);
  const unconfirmed = row.last_heartbeat_at === null && row.first_heartbeat_deadline !== null && row.first_heartbeat_deadline <= now;
  const cause = unconfirmed ? 'first-heartbeat-missed' : 'lease-expired';
  const reason = unconfirmed ? FIRST_HEARTBEAT_MISSED : AGENT_LOST;
  const requeue = unconfirmed || (await countAttempts(ctx, job.id, job.attempt)).agentLost < policyFor(job).agentLostRetries;
  const patch = requeue
    ? requeuePatch(now, `requeued after attempt ${job.attempt}: ${reason}`)
    : { status: 'failure', reason: AGENT_LOST, exit_code: null, lease_token: null, lease_expires_at: null, first_heartbeat_deadline: null, finished_at: now, updated_at: now };
  // Compare-and-set on the very lease that expired: a concurrent sweep or heartbeat makes this a no-op.
  const updated = await ctx.db
    .updateTable('jobs')
    .set(patch)
    .where('id', '=', row.id)
    .where('status', '=', 'running')
    .where('attempt', '=', row.attempt)
    .where('lease_token', '=', row.lease_token)
    .where(expiredAt(now))
    .returningAll()
    .executeTakeFirst();
  if (updated === undefined) return undefined;
  await ctx.db
    .updateTable('job_attempts')
    .set({ status: 'lost', reason, finished_at: now })
    .where('job_id', '=', row.id)
    .where('attempt', '=', row.attempt)
    .where('status', '=', 'running')
    .execute();
  return { jobId: job.id, buildId: job.buildId, attempt: job.attempt, agentId: job.agentId, cause, outcome: requeue ? 'requeued' : 'failed', job: toJob(updated) };
}

/**
 * The recovery sweep. A running job whose lease expired loses its attempt (`lost`, reason
 * `agent-lost`) and is queued again for a new attempt while its agent-lost budget lasts, else it ends
 * `failure` (reason `agent-lost`). A claimed job whose first heartbeat never came by its deadline
 * loses its attempt too (`lost`, reason `first-heartbeat-missed`) and always goes back to the queue:
 * that is not a retry and costs no budget.
 *
 * Safe to run from several servers at once: on PostgreSQL each sweep locks the rows it takes with
 * SKIP LOCKED, and every update is a compare-and-set on the expired lease, so each lost attempt is
 * handled exactly once. The caller advances the builds of the jobs that `failed`.
 */
export function expireLeases(ctx: RepoContext, input: ExpireLeasesInput = {}): Promise<ExpireLeasesResult> {
  const now = input.now ?? ctx.clock.now();
  const limit = Math.max(1, Math.trunc(input.limit ?? 100));
  const policyFor = input.retryPolicyFor ?? agentLostRetries;
  return ctx.inTransaction(async (tx) => {
    const query = tx.db
      .selectFrom('jobs')
      .selectAll()
      .where('status', '=', 'running')
      .where('lease_token', 'is not', null)
      .where(expiredAt(now))
      .orderBy('id')
      .limit(limit);
    const rows = tx.dialect === 'postgres' ? await query.forUpdate().skipLocked().execute() : await query.execute();
    const expired: ExpiredLease[] = [];
    for (const row of rows) {
      const done = await expireOne(tx, row, now, policyFor);
      if (done !== undefined) expired.push(done);
    }
    return { expired, more: rows.length === limit };
  });
}
