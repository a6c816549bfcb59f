import type { RepoContext } from '../repositories/repo-context.js';
import { toClaimedJob, type ClaimedJob } from './claimed-job.js';

/** What an earlier claim request of the same agent became: none yet, still held, or over. */
export type ClaimLookup = { found: 'none' } | { found: 'active'; claim: ClaimedJob } | { found: 'ended' };

/**
 * Looks up the attempt an agent's claim request created (request ids are unique per agent on
 * job_attempts). A request whose attempt has ended claims nothing more: one request, at most one
 * attempt, ever.
 */
export async function findClaim(ctx: RepoContext, agentId: string, requestId: string): Promise<ClaimLookup> {
  const attempt = await ctx.db
    .selectFrom('job_attempts')
    .select(['job_id', 'attempt', 'status', 'started_at'])
    .where('agent_id', '=', agentId)
    .where('claim_request_id', '=', requestId)
    .executeTakeFirst();
  if (attempt === undefined) return { found: 'none' };
  const job = await ctx.db.selectFrom('jobs').selectAll().where('id', '=', attempt.job_id).executeTakeFirst();
  const current = attempt.status === 'running' && job !== undefined && job.attempt === attempt.attempt && job.agent_id === agentId;
  const claim = current ? toClaimedJob(job, attempt.started_at, requestId, true) : undefined;
  return claim === undefined ? { found: 'ended' } : { found: 'active', claim };
}
