import type { RepoContext } from '../../repositories/repo-context.js';
import { CONCURRENCY_REASON, type ConcurrencyHolder, type ConcurrencyKey } from './concurrency-lock.js';

export interface ConcurrencyWaiter extends ConcurrencyHolder {
  buildNumber: number;
}

const FINAL = ['success', 'failure', 'canceled'];

/**
 * Who waits for a group, oldest build first. A job waits when it is `waiting` with reason
 * `concurrency` and carries the group; a build waits when it is unfinished, not canceled, and has
 * jobs `waiting` with reason `concurrency` but no job group (they wait for the build's group).
 */
export async function listConcurrencyWaiters(ctx: RepoContext, key: ConcurrencyKey): Promise<ConcurrencyWaiter[]> {
  if (key.scope === 'job') {
    const rows = await ctx.db
      .selectFrom('jobs')
      .innerJoin('builds', 'builds.id', 'jobs.build_id')
      .select(['jobs.id as holder_id', 'jobs.build_id as build_id', 'builds.number as number'])
      .where('builds.project_id', '=', key.projectId)
      .where('jobs.concurrency_group', '=', key.group)
      .where('jobs.status', '=', 'waiting')
      .where('jobs.reason', '=', CONCURRENCY_REASON)
      .orderBy('builds.number')
      .orderBy('jobs.position')
      .execute();
    return rows.map((r) => ({ holderId: r.holder_id, buildId: r.build_id, buildNumber: r.number }));
  }
  const rows = await ctx.db
    .selectFrom('builds')
    .select(['id', 'number'])
    .where('project_id', '=', key.projectId)
    .where('concurrency_group', '=', key.group)
    .where('status', 'not in', FINAL)
    .where('canceled_by', 'is', null)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('jobs')
          .select('jobs.id')
          .whereRef('jobs.build_id', '=', 'builds.id')
          .where('jobs.status', '=', 'waiting')
          .where('jobs.reason', '=', CONCURRENCY_REASON)
          .where('jobs.concurrency_group', 'is', null),
      ),
    )
    .orderBy('number')
    .execute();
  return rows.map((r) => ({ holderId: r.id, buildId: r.id, buildNumber: r.number }));
}
