import { sql } from 'kysely';
import type { RepoContext } from '../repositories/repo-context.js';
import { AGENT_LOST } from './lease-ref.js';

/** How the earlier attempts of a job ended, as far as retry budgets care. */
export interface AttemptCounts {
  /** Attempts that failed or whose agent was lost: the retries used so far. */
  retriesUsed: number;
  /** Attempts lost with their agent (`agent-lost`). */
  agentLost: number;
}

/**
 * Counts the job's attempts before `attempt`. Released attempts and claims whose first heartbeat never
 * came are not retries (the job never got a run) and count for nothing.
 */
export async function countAttempts(ctx: RepoContext, jobId: string, attempt: number): Promise<AttemptCounts> {
  const row = await ctx.db
    .selectFrom('job_attempts')
    .select([
      sql<number>`sum(case when status = 'failure' or (status = 'lost' and reason = ${AGENT_LOST}) then 1 else 0 end)`.as('used'),
      sql<number>`sum(case when status = 'lost' and reason = ${AGENT_LOST} then 1 else 0 end)`.as('lost'),
    ])
    .where('job_id', '=', jobId)
    .where('attempt', '<', attempt)
    .executeTakeFirst();
  return { retriesUsed: Number(row?.used ?? 0), agentLost: Number(row?.lost ?? 0) };
}
