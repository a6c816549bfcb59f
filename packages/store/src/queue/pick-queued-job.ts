import { sql, type Selectable, type SqlBool } from 'kysely';
import type { RepoContext } from '../repositories/repo-context.js';
import type { JobsTable } from '../schema/build-tables.js';

/**
 * `runs_on ⊆ labels`, in SQL, so the label filter applies to the whole queue and a long run of
 * queued jobs for other agents can never hide a job this agent could take (a bounded batch filtered
 * in JavaScript could). PostgreSQL: jsonb containment. SQLite: no element of runs_on is missing from
 * the agent's labels (json_each). An empty runs_on matches every agent on both.
 */
function labelsCover(ctx: RepoContext, labels: readonly string[]) {
  const json = JSON.stringify([...new Set(labels)]);
  if (ctx.dialect === 'postgres') {
    return sql<SqlBool>`cast(${sql.ref('jobs.runs_on')} as jsonb) <@ cast(${json} as jsonb)`;
  }
  return sql<SqlBool>`not exists (select 1 from json_each(${sql.ref('jobs.runs_on')}) as r where r.value not in (select a.value from json_each(${json}) as a))`;
}

/**
 * The queued job an agent with `labels` gets next: highest priority, then oldest, then in plan order
 * (then by id). On PostgreSQL the row is locked FOR UPDATE SKIP LOCKED, so concurrent claimers each
 * lock a different job and never wait on one another; on SQLite the caller's BEGIN IMMEDIATE
 * transaction serializes claimers. Call it inside the transaction that then claims the row.
 */
export async function pickQueuedJob(ctx: RepoContext, labels: readonly string[]): Promise<Selectable<JobsTable> | undefined> {
  const query = ctx.db
    .selectFrom('jobs')
    .selectAll()
    .where('status', '=', 'queued')
    .where(labelsCover(ctx, labels))
    .orderBy('priority', 'desc')
    .orderBy('queued_at', 'asc')
    .orderBy('position', 'asc')
    .orderBy('id', 'asc')
    .limit(1);
  return ctx.dialect === 'postgres' ? query.forUpdate().skipLocked().executeTakeFirst() : query.executeTakeFirst();
}
