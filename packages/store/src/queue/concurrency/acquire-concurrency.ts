import { RitmoError } from '@ritmo/shared';
import type { RepoContext } from '../../repositories/repo-context.js';
import { findConcurrencyLock } from './find-concurrency-lock.js';
import type { ConcurrencyHolder, ConcurrencyKey, ConcurrencyLock } from './concurrency-lock.js';

export interface ConcurrencyClaim {
  /** True when `holder` holds the group now (it took it, or held it already). */
  acquired: boolean;
  /** The group's holder: `holder` itself when acquired, else the one in the way. */
  lock: ConcurrencyLock;
}

/** Rounds of insert-then-read before giving up (a holder releasing between the two forces another). */
const ROUNDS = 5;

/**
 * Takes the group for `holder` unless someone else holds it. The insert cannot make two holders (the
 * group is the primary key; ON CONFLICT DO NOTHING waits for a concurrent inserter on PostgreSQL),
 * and the holder's row is then read FOR UPDATE, so until the caller's transaction ends nobody can
 * release or take it: arrivals in one group are serialized on every instance. Call it inside the
 * transaction that acts on the answer.
 */
export async function acquireConcurrency(ctx: RepoContext, key: ConcurrencyKey, holder: ConcurrencyHolder, now: number): Promise<ConcurrencyClaim> {
  for (let round = 0; round < ROUNDS; round++) {
    await ctx.db
      .insertInto('concurrency_locks')
      .values({ project_id: key.projectId, scope: key.scope, name: key.group, holder_id: holder.holderId, build_id: holder.buildId, acquired_at: now })
      .onConflict((oc) => oc.columns(['project_id', 'scope', 'name']).doNothing())
      .execute();
    const lock = await findConcurrencyLock(ctx, key, { forUpdate: true });
    if (lock !== undefined) return { acquired: lock.holderId === holder.holderId, lock };
  }
  throw new RitmoError('ERR_STORE_CONFLICT', `the concurrency group ${key.group} changed hands ${ROUNDS} times while it was being taken`, {
    details: { entity: 'concurrency group', ...key },
  });
}
