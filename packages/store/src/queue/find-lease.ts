import type { RepoContext } from '../repositories/repo-context.js';
import { toLease, type Lease } from './lease.js';

/** The lease on a job, or undefined when the job holds none (not running, or missing). */
export async function findLease(ctx: RepoContext, jobId: string): Promise<Lease | undefined> {
  const row = await ctx.db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
  return row && toLease(row);
}
