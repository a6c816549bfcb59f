import { sql, type SqlBool } from 'kysely';
import { notFound } from '../repositories/not-found.js';
import type { RepoContext } from '../repositories/repo-context.js';

export interface QueuePosition {
  /** 1 = next, among the queued jobs with the same `runs-on` label set. */
  position: number;
  /** Queued jobs with the same label set, this one included. */
  sameLabels: number;
  /** Queued jobs of any labels that come before this one in claim order. */
  queuedAhead: number;
}

/**
 * Where a queued job stands (claim order: priority, then queue time, then plan position, then id).
 * Label sets are stored sorted, so jobs with equal sets have equal `runs_on` text. Undefined when the
 * job is not queued; ERR_STORE_NOT_FOUND when it does not exist.
 */
export async function queuePosition(ctx: RepoContext, jobId: string): Promise<QueuePosition | undefined> {
  const job = await ctx.db.selectFrom('jobs').select(['status', 'priority', 'queued_at', 'position', 'id', 'runs_on']).where('id', '=', jobId).executeTakeFirst();
  if (job === undefined) throw notFound('job', { id: jobId });
  if (job.status !== 'queued') return undefined;
  const queuedAt = job.queued_at ?? 0;
  const earlierInTie = sql<SqlBool>`(position < ${job.position} or (position = ${job.position} and id < ${job.id}))`;
  const ahead = sql<SqlBool>`(priority > ${job.priority} or (priority = ${job.priority} and (queued_at < ${queuedAt} or (queued_at = ${queuedAt} and ${earlierInTie}))))`;
  const same = sql<SqlBool>`runs_on = ${job.runs_on}`;
  const row = await ctx.db
    .selectFrom('jobs')
    .select([
      sql<number>`sum(case when ${ahead} and ${same} then 1 else 0 end)`.as('same_ahead'),
      sql<number>`sum(case when ${same} then 1 else 0 end)`.as('same_total'),
      sql<number>`sum(case when ${ahead} then 1 else 0 end)`.as('all_ahead'),
    ])
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return {
    position: Number(row?.same_ahead ?? 0) + 1,
    sameLabels: Number(row?.same_total ?? 1),
    queuedAhead: Number(row?.all_ahead ?? 0),
  };
}
