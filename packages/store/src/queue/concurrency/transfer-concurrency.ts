import type { RepoContext } from '../../repositories/repo-context.js';
import { acquireConcurrency } from './acquire-concurrency.js';
import { toConcurrencyLock, type ConcurrencyHolder, type ConcurrencyKey, type ConcurrencyLock } from './concurrency-lock.js';

/**
 * Gives the group to `holder` whoever held it (`cancel-in-progress`: the newcomer takes over and the
 * old holder is canceled). Call it in the transaction that acquireConcurrency locked the row in.
 */
export async function transferConcurrency(ctx: RepoContext, key: ConcurrencyKey, holder: ConcurrencyHolder, now: number): Promise<ConcurrencyLock> {
  const row = await ctx.db
    .updateTable('concurrency_locks')
    .set({ holder_id: holder.holderId, build_id: holder.buildId, acquired_at: now })
    .where('project_id', '=', key.projectId)
    .where('scope', '=', key.scope)
    .where('name', '=', key.group)
    .returningAll()
    .executeTakeFirst();
  return row ? toConcurrencyLock(row) : (await acquireConcurrency(ctx, key, holder, now)).lock;
}
