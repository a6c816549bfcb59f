import type { RepoContext } from '../repositories/repo-context.js';
import { toLease, type Lease } from './lease.js';

/** The leases an agent holds (its running jobs, claimed or confirmed), by job id. */
export async function listLeases(ctx: RepoContext, agentId: string): Promise<Lease[]> {
  const rows = await ctx.db
    .selectFrom('jobs')
    .selectAll()
    .where('agent_id', '=', agentId)
    .where('status', '=', 'running')
    .where('lease_token', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.flatMap((row) => toLease(row) ?? []);
}
