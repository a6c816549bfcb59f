import { isFinalStatus } from '@ritmo/pipeline';
import { CONCURRENCY_REASON, type Build, type ConcurrencyLock, type Job, type StoreTransaction } from '@ritmo/store';
import { mergeChanges, type BuildChanges } from '../build-changes.js';
import { lockBuild } from '../lock-build.js';
import type { Advance } from './evict.js';

const waitsForGroup = (job: Job, scope: ConcurrencyLock['scope']): boolean =>
  job.status === 'waiting' && job.reason === CONCURRENCY_REASON && (scope === 'job' || job.concurrencyGroup === null);

/**
 * Hands a freed group to the oldest build or job still waiting for it: the waiter takes the group in
 * this transaction, its waiting jobs go back to `pending` and its build moves on (they are queued).
 */
async function promoteWaiter(tx: StoreTransaction, freed: ConcurrencyLock, now: number, advance: Advance): Promise<BuildChanges | undefined> {
  for (const waiter of await tx.queue.listConcurrencyWaiters(freed)) {
    await lockBuild(tx, waiter.buildId);
    const build = await tx.builds.getBuild(waiter.buildId);
    const jobs = (await tx.jobs.listBuildJobs(waiter.buildId)).filter((j) => waitsForGroup(j, freed.scope) && (freed.scope === 'build' || j.id === waiter.holderId));
    // Read again under the build's lock: it may have been canceled or released since the listing.
    if (jobs.length === 0 || build.canceledBy !== null || isFinalStatus(build.status)) continue;
    const claim = await tx.queue.acquireConcurrency(freed, waiter, now);
    if (!claim.acquired) return undefined;
    const released = [];
    for (const job of jobs) released.push(await tx.jobs.updateJob(job.id, { status: 'pending', reason: null }, { ifStatus: ['waiting'] }));
    const after = await advance(tx, waiter.buildId, now);
    return mergeChanges({ build: after.build, statusChanged: false, finished: false, jobs: released, steps: [] }, after);
  }
  return undefined;
}

/**
 * Frees the groups held by a build that ended (pipeline level) or by its jobs that ended (job level),
 * whatever the final status, and promotes the next waiter of each. Call it after the build's status
 * was derived again, in the same transaction.
 */
export async function releaseGroups(tx: StoreTransaction, build: Build, jobs: readonly Job[], now: number, advance: Advance): Promise<BuildChanges[]> {
  const held = await tx.queue.listConcurrencyLocks(build.id);
  if (held.length === 0) return [];
  const statusOf = new Map(jobs.map((j) => [j.id, j.status]));
  const ended = held.filter((lock) => isFinalStatus(lock.scope === 'build' ? build.status : (statusOf.get(lock.holderId) ?? 'skipped')));
  const changes: BuildChanges[] = [];
  for (const freed of await tx.queue.releaseConcurrency(ended.map((l) => l.holderId))) {
    const promoted = await promoteWaiter(tx, freed, now, advance);
    if (promoted) changes.push(promoted);
  }
  return changes;
}
