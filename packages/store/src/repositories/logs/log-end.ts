import { sql } from 'kysely';
import type { RepoContext } from '../repo-context.js';

/** The byte offset where the stored log of one attempt ends (its size); 0 when empty. */
export async function logEnd(ctx: RepoContext, jobId: string, attempt: number): Promise<number> {
  const row = await ctx.db
    .selectFrom('log_chunks')
    .select(sql<number>`byte_offset + length`.as('end'))
    .where('job_id', '=', jobId)
    .where('attempt', '=', attempt)
    .orderBy('byte_offset', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? 0 : Number(row.end);
}
