import type { RepoContext } from '../../repositories/repo-context.js';
import { toConcurrencyLock, type ConcurrencyLock } from './concurrency-lock.js';

/** Frees every group these holders (build or job ids) hold; returns the groups freed. */
export async function releaseConcurrency(ctx: RepoContext, holderIds: readonly string[]): Promise<ConcurrencyLock[]> {
  if (holderIds.length === 0) return [];
  const rows = await ctx.db.deleteFrom('concurrency_locks').where('holder_id', 'in', [...holderIds]).returningAll().execute();
  return rows.map(toConcurrencyLock);
}
