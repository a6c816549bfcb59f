import type { RepoContext } from '../../repositories/repo-context.js';
import { toConcurrencyLock, type ConcurrencyLock } from './concurrency-lock.js';

/** The groups held by a build or by any of its jobs. */
export async function listConcurrencyLocks(ctx: RepoContext, buildId: string): Promise<ConcurrencyLock[]> {
  const rows = await ctx.db.selectFrom('concurrency_locks').selectAll().where('build_id', '=', buildId).orderBy('scope').orderBy('name').execute();
  return rows.map(toConcurrencyLock);
}
