import { isFinalStatus } from '@ritmo/pipeline';
import type { StoreTransaction } from '@ritmo/store';
import { mergeChanges, type BuildChanges } from '../build-changes.js';
import { cancelJob } from '../cancel-job.js';
import { lockBuild } from '../lock-build.js';
import { CONCURRENCY_ACTOR, type Eviction } from './eviction.js';

/** Moves a build's DAG forward in the transaction (advanceInTransaction, passed in to keep imports one-way). */
export type Advance = (tx: StoreTransaction, buildId: string, now: number) => Promise<BuildChanges>;

/**
 * Cancels a build or job of another build that a newcomer pushed out of a concurrency group, and moves
 * that build on; undefined when it ended meanwhile. A build is canceled as a user would cancel it
 * (`canceledBy: concurrency`; `if: always()` jobs still run, holding no group).
 */
export async function evict(tx: StoreTransaction, eviction: Eviction, now: number, advance: Advance): Promise<BuildChanges | undefined> {
  await lockBuild(tx, eviction.buildId);
  if (eviction.scope === 'build') {
    const build = await tx.builds.getBuild(eviction.buildId);
    if (isFinalStatus(build.status) || build.canceledBy !== null) return undefined;
    await tx.builds.updateBuild(build.id, { canceledBy: CONCURRENCY_ACTOR });
    return advance(tx, build.id, now);
  }
  const job = await tx.jobs.findJob(eviction.id);
  if (job === undefined || isFinalStatus(job.status)) return undefined;
  const canceled = await cancelJob(tx, job, eviction.reason, now);
  const after = await advance(tx, job.buildId, now);
  return mergeChanges({ build: after.build, statusChanged: false, finished: false, jobs: [canceled], steps: [] }, after);
}
