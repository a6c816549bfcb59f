import { isFinalStatus } from '@ritmo/pipeline';
import type { ConcurrencyHolder, ConcurrencyKey, ConcurrencyLock, StoreTransaction } from '@ritmo/store';
import type { Eviction } from './eviction.js';

export interface GroupEntry {
  key: ConcurrencyKey;
  holder: ConcurrencyHolder;
  cancelInProgress: boolean;
  /** The newcomer in words, for the reasons of those it pushes out (`build #7`, `job "deploy" of build #7`). */
  label: string;
}

export interface GroupAdmission {
  admitted: boolean;
  /** Builds or jobs to cancel: older waiters, and with cancel-in-progress the holder. */
  evictions: Eviction[];
}

async function holderEnded(tx: StoreTransaction, lock: ConcurrencyLock): Promise<boolean> {
  const holder = lock.scope === 'build' ? await tx.builds.findBuild(lock.holderId) : await tx.jobs.findJob(lock.holderId);
  return holder === undefined || isFinalStatus(holder.status);
}

/**
 * A build or job asks for its group, GitHub style: it holds the group if nobody else does. Otherwise
 * every one waiting for the group before it is canceled (one waits at most, the newest), and with
 * `cancel-in-progress` the holder is canceled too and the newcomer takes the group at once; without,
 * the newcomer waits. The database decides who holds the group (acquireConcurrency), in the caller's
 * transaction; the caller carries out the evictions.
 */
export async function enterGroup(tx: StoreTransaction, entry: GroupEntry, now: number): Promise<GroupAdmission> {
  const { key, holder } = entry;
  const claim = await tx.queue.acquireConcurrency(key, holder, now);
  if (claim.acquired) return { admitted: true, evictions: [] };
  // A holder that ended without its build moving on (a server stopped in between) holds nothing.
  if (await holderEnded(tx, claim.lock)) {
    await tx.queue.transferConcurrency(key, holder, now);
    return { admitted: true, evictions: [] };
  }
  const evictions: Eviction[] = [];
  for (const waiter of await tx.queue.listConcurrencyWaiters(key)) {
    if (waiter.holderId === holder.holderId) continue;
    evictions.push({ scope: key.scope, id: waiter.holderId, buildId: waiter.buildId, reason: `replaced by ${entry.label} in concurrency group ${key.group}` });
  }
  if (!entry.cancelInProgress) return { admitted: false, evictions };
  await tx.queue.transferConcurrency(key, holder, now);
  evictions.push({ scope: key.scope, id: claim.lock.holderId, buildId: claim.lock.buildId, reason: `canceled by ${entry.label} in concurrency group ${key.group} (cancel-in-progress)` });
  return { admitted: true, evictions };
}
