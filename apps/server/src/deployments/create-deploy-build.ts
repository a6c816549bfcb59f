import type { Build, Job, StoreTransaction } from '@ritmo/store';
import { deployPinOf, type DeployPin } from '../artifacts/deploy-pin.js';
import { ancestorsOf } from '../artifacts/needed-artifacts.js';
import { advanceInTransaction } from '../orchestration/advance-in-transaction.js';
import type { BuildChanges } from '../orchestration/build-changes.js';

export interface DeployBuildInput {
  /** The build whose deploy job runs again (a rollback's target deployment's build). */
  source: Build;
  /** The deploy job in `source`. */
  deployJob: Job;
  kind: DeployPin['kind'];
  environment: string;
  artifactId: string | null;
  rollbackOf: string | null;
  actor: string;
  message: string;
}

/**
 * A build that runs one deploy job again without rebuilding anything: the jobs it needs are copied
 * from the source build as they ended there (status and outputs, so `needs.*` reads the same), and
 * their artifacts are the source build's. Only the deploy job is new; the DAG queues (or holds) it.
 */
export async function createDeployBuildInTransaction(tx: StoreTransaction, input: DeployBuildInput, now: number): Promise<BuildChanges> {
  const { source, deployJob } = input;
  const keep = new Set([...ancestorsOf(source.plan.jobs, deployJob.planJob).keys(), deployJob.planJobId]);
  const plan = { ...source.plan, jobs: source.plan.jobs.filter((j) => keep.has(j.id)) };
  const sourceJobs = new Map((await tx.jobs.listBuildJobs(source.id)).map((j) => [j.planJobId, j]));
  const pin: DeployPin = {
    kind: input.kind,
    job: deployJob.planJobId,
    sourceBuildId: deployPinOf(source)?.sourceBuildId ?? source.id,
    artifactId: input.artifactId,
    environment: input.environment,
    rollbackOf: input.rollbackOf,
  };
  const { build, jobs } = await tx.builds.createBuildWithJobs({
    build: {
      projectId: source.projectId,
      pipelineId: source.pipelineId,
      event: source.event,
      ref: source.ref,
      sha: source.sha,
      branch: source.branch,
      tag: source.tag,
      actor: input.actor,
      inputs: source.inputs,
      trusted: source.trusted,
      plan,
      message: input.message,
      trigger: { ...source.trigger, pipeline: plan.name, deploy: pin },
    },
    jobs: plan.jobs.map((planJob) => ({ planJob, status: planJob.id === deployJob.planJobId ? ('pending' as const) : (sourceJobs.get(planJob.id)?.status ?? 'skipped') })),
  });
  for (const job of jobs) {
    const from = sourceJobs.get(job.planJobId);
    if (job.planJobId === deployJob.planJobId || !from) continue;
    await tx.jobs.updateJob(job.id, { outputs: from.outputs, exitCode: from.exitCode, reason: `reused from build #${source.number}`, startedAt: from.startedAt, finishedAt: from.finishedAt ?? now });
  }
  return advanceInTransaction(tx, build.id, now);
}
