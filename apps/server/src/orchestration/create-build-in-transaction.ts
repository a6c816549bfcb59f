import type { NewBuild, StoreTransaction } from '@ritmo/store';
import { advanceInTransaction } from './advance-in-transaction.js';
import type { BuildChanges } from './build-changes.js';

/**
 * Stores a build (with the project's next number) and all its jobs as `pending`, then lets the DAG
 * decide which jobs are queued right away, all in the caller's transaction.
 */
export async function createBuildInTransaction(tx: StoreTransaction, input: NewBuild, now: number): Promise<BuildChanges> {
  const { build } = await tx.builds.createBuildWithJobs({
    build: { ...input, trigger: { ...input.trigger, pipeline: input.plan.name } },
    jobs: input.plan.jobs.map((planJob) => ({ planJob, status: 'pending' as const })),
  });
  return advanceInTransaction(tx, build.id, now);
}
