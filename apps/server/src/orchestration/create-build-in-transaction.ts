import type { NewBuild, StoreTransaction } from '@ritmo/store';
import { advanceInTransaction } from './advance-in-transaction.js';
import type { BuildChanges } from './build-changes.js';
import { evaluateGroup } from './concurrency/evaluate-group.js';
import { expressionContextOf } from './expression-context-of.js';

/**
 * Stores a build (with the project's next number) and all its jobs as `pending`, evaluates its
 * pipeline-level concurrency group (ERR_PIPELINE_EXPRESSION when that fails: nothing is stored), then
 * lets the DAG decide which jobs are queued right away, all in the caller's transaction.
 */
export async function createBuildInTransaction(tx: StoreTransaction, input: NewBuild, now: number): Promise<BuildChanges> {
  const { build } = await tx.builds.createBuildWithJobs({
    build: { ...input, trigger: { ...input.trigger, pipeline: input.plan.name } },
    jobs: input.plan.jobs.map((planJob) => ({ planJob, status: 'pending' as const })),
  });
  const concurrency = input.plan.concurrency;
  if (concurrency !== undefined) {
    const project = await tx.projects.getProject(build.projectId);
    const group = evaluateGroup(concurrency.group, expressionContextOf(build, project.name));
    if (group !== null) await tx.builds.updateBuild(build.id, { concurrencyGroup: group });
  }
  return advanceInTransaction(tx, build.id, now);
}
