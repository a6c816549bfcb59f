import { isFinalStatus } from '@ritmo/pipeline';
import { RitmoError } from '@ritmo/shared';
import { CONCURRENCY_REASON, type Job, type StoreTransaction } from '@ritmo/store';
import { reviewDeployment } from '../deployments/review-deployment.js';
import { advanceInTransaction } from './advance-in-transaction.js';
import { mergeChanges, type BuildChanges } from './build-changes.js';
import { lockBuild } from './lock-build.js';

/** Cancels a build: jobs not yet started are skipped and queued or running ones canceled (except `if: always()`). */
export async function cancelBuildInTransaction(tx: StoreTransaction, buildId: string, actor: string, now: number): Promise<BuildChanges> {
  await lockBuild(tx, buildId);
  const build = await tx.builds.getBuild(buildId);
  if (isFinalStatus(build.status)) {
    throw new RitmoError('ERR_API_BUILD_FINISHED', `build #${build.number} already ended as ${build.status}`, { details: { status: build.status } });
  }
  await tx.builds.updateBuild(buildId, { canceledBy: actor });
  return advanceInTransaction(tx, buildId, now);
}

/** Lets a job held for approval run. */
export async function approveJobInTransaction(tx: StoreTransaction, jobId: string, actor: string, now: number): Promise<BuildChanges> {
  const found = await tx.jobs.getJob(jobId);
  await lockBuild(tx, found.buildId);
  const job = await tx.jobs.getJob(jobId);
  if (job.status !== 'waiting' || job.reason === CONCURRENCY_REASON) {
    const what = job.status === 'waiting' ? 'waiting for its concurrency group' : job.status;
    throw new RitmoError('ERR_API_JOB_NOT_WAITING', `job "${job.name}" is ${what}, not waiting for approval`, { details: { status: job.status, reason: job.reason } });
  }
  // A protected environment may want more approvals, or its wait timer to run out, first.
  if (!(await reviewDeployment(tx, job, actor, now))) {
    return { build: await tx.builds.getBuild(job.buildId), statusChanged: false, finished: false, jobs: [await tx.jobs.getJob(jobId)], steps: [] };
  }
  const approved = await tx.jobs.updateJob(jobId, { status: 'queued', approvedBy: actor, reason: null, queuedAt: now }, { ifStatus: ['waiting'] });
  const after = await advanceInTransaction(tx, job.buildId, now);
  return mergeChanges({ build: after.build, statusChanged: false, finished: false, jobs: [approved], steps: [] }, after);
}

/** The job and every job that needs it, directly or not. */
function withDependents(jobs: readonly Job[], root: Job): Job[] {
  const picked = new Set([root.planJobId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const j of jobs) {
      if (!picked.has(j.planJobId) && j.needs.some((n) => picked.has(n))) {
        picked.add(j.planJobId);
        grew = true;
      }
    }
  }
  return jobs.filter((j) => picked.has(j.planJobId));
}

/**
 * Runs one job again with everything downstream of it, as new attempts in the same build. The job and
 * its dependents must not be running (they are final, or pending behind it).
 */
export async function retryJobInTransaction(tx: StoreTransaction, buildId: string, jobId: string, now: number): Promise<BuildChanges> {
  await lockBuild(tx, buildId);
  const jobs = await tx.jobs.listBuildJobs(buildId);
  const root = jobs.find((j) => j.id === jobId);
  if (!root) throw new RitmoError('ERR_API_JOB_NOT_FOUND', `build ${buildId} has no job ${jobId}`);
  const reset = withDependents(jobs, root);
  const busy = reset.filter((j) => !isFinalStatus(j.status) && j.status !== 'pending');
  if (!isFinalStatus(root.status) || busy.length > 0) {
    throw new RitmoError('ERR_API_BUILD_NOT_FINISHED', `job "${root.name}" or a job after it is still ${busy[0]?.status ?? root.status}`, {
      details: { jobs: [root, ...busy].map((j) => ({ id: j.id, status: j.status })) },
      suggestions: ['cancel the build or wait for the jobs to end'],
    });
  }
  const changed: Job[] = [];
  for (const j of reset) {
    if (j.status === 'pending') continue;
    const ran = j.startedAt !== null;
    changed.push(
      await tx.jobs.updateJob(j.id, {
        status: 'pending',
        attempt: ran ? j.attempt + 1 : j.attempt,
        exitCode: null,
        reason: null,
        agentId: null,
        leaseToken: null,
        leaseExpiresAt: null,
        claimRequestId: null,
        outputs: {},
        queuedAt: null,
        startedAt: null,
        finishedAt: null,
        approvedBy: null,
      }),
    );
  }
  await tx.builds.updateBuild(buildId, { canceledBy: null, finishedAt: null, error: null });
  const after = await advanceInTransaction(tx, buildId, now);
  const build = after.build;
  return mergeChanges({ build, statusChanged: false, finished: false, jobs: changed, steps: [] }, after);
}
