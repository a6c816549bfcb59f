import type { RepoContext } from '../../repositories/repo-context.js';
import { toConcurrencyLock, type ConcurrencyKey, type ConcurrencyLock } from './concurrency-lock.js';

/** Who holds the group, if anyone. `forUpdate` locks the row until the transaction ends (PostgreSQL). */
export async function findConcurrencyLock(ctx: RepoContext, key: ConcurrencyKey, options: { forUpdate?: boolean } = {}): Promise<ConcurrencyLock | undefined> {
  const query = ctx.db
    .selectFrom('concurrency_locks')
    .selectAll()
    .where('project_id', '=', key.projectId)
    .where('scope', '=', key.scope)
    .where('name', '=', key.group);
  const row = options.forUpdate === true && ctx.dialect === 'postgres' ? await query.forUpdate().executeTakeFirst() : await query.executeTakeFirst();
  return row && toConcurrencyLock(row);
}
