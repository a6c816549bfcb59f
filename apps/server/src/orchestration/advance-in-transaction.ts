import { advanceBuild, deriveBuildStatus, isFinalStatus } from '@ritmo/pipeline';
import type { Job, JobPatch, Project, StoreTransaction } from '@ritmo/store';
import { deploymentGate } from '../deployments/deployment-gate.js';
import { syncDeployments } from '../deployments/sync-deployments.js';
import { mergeChanges, type BuildChanges } from './build-changes.js';
import { expressionContextOf } from './expression-context-of.js';
import { lockBuild } from './lock-build.js';
import { needsApproval } from './needs-approval.js';

const UNFINISHED = ['pending', 'waiting', 'queued', 'running'] as const;

/**
 * Moves a build's DAG forward inside the caller's transaction: pending jobs whose needs ended are
 * queued (or held for approval), skipped or failed; fail-fast and a canceled build cancel jobs; then
 * the build's status is derived again. Call it after any job of the build changed.
 */
export async function advanceInTransaction(tx: StoreTransaction, buildId: string, now: number): Promise<BuildChanges> {
  await lockBuild(tx, buildId);
  let build = await tx.builds.getBuild(buildId);
  const project: Project = await tx.projects.getProject(build.projectId);
  const jobs = await tx.jobs.listBuildJobs(buildId);
  const byPlanId = new Map(jobs.map((j) => [j.planJobId, j]));
  const state = Object.fromEntries(jobs.map((j) => [j.planJobId, { status: j.status, outputs: j.outputs }]));
  const cancelled = build.canceledBy !== null;
  const decision = advanceBuild(build.plan, state, expressionContextOf(build, project.name), { cancelled });

  const changed = new Map<string, Job>();
  const apply = async (planJobId: string, patch: JobPatch, from: readonly Job['status'][]): Promise<void> => {
    const job = byPlanId.get(planJobId);
    if (!job || !from.includes(job.status)) return;
    const updated = await tx.jobs.updateJob(job.id, patch, { ifStatus: from });
    byPlanId.set(planJobId, updated);
    changed.set(updated.id, updated);
  };

  let gateFailed = false;
  for (const id of decision.queue) {
    const job = byPlanId.get(id);
    // Protected environments may fail the job (a branch not allowed there) or hold it with their own reason.
    const gate = job === undefined ? ({ action: 'open' } as const) : await deploymentGate(tx, build, project, job, now);
    if (gate.action === 'fail') {
      await apply(id, { status: 'failure', reason: gate.reason, finishedAt: now }, ['pending']);
      gateFailed = true;
      continue;
    }
    const hold = job !== undefined && job.approvedBy === null && needsApproval(build, job.planJob, project);
    const waitReason = gate.action === 'hold' ? gate.reason : hold ? 'approval' : undefined;
    await apply(id, waitReason !== undefined ? { status: 'waiting', reason: waitReason } : { status: 'queued', reason: null, queuedAt: now }, ['pending']);
  }
  for (const { jobId, reason } of decision.skip) await apply(jobId, { status: 'skipped', reason, finishedAt: now }, ['pending']);
  for (const { jobId, reason } of decision.fail) await apply(jobId, { status: 'failure', reason, finishedAt: now }, ['pending']);
  for (const { jobId, reason } of decision.cancel) {
    const job = byPlanId.get(jobId);
    await apply(jobId, { status: 'canceled', reason, finishedAt: now, leaseToken: null, leaseExpiresAt: null }, UNFINISHED);
    if (job?.status === 'running') {
      await tx.jobAttempts
        .updateJobAttempt(job.id, job.attempt, { status: 'canceled', reason, finishedAt: now }, { ifStatus: ['running'] })
        .catch(() => undefined);
    }
  }

  const all = [...byPlanId.values()];
  await syncDeployments(tx, build, project, all, now);
  const status = deriveBuildStatus(all, { canceled: cancelled });
  const statusChanged = status !== build.status;
  const final = isFinalStatus(status);
  if (statusChanged) {
    build = await tx.builds.updateBuild(buildId, {
      status,
      ...(build.startedAt === null && status !== 'queued' ? { startedAt: now } : {}),
      finishedAt: final ? now : null,
    });
  }
  const changes = { build, statusChanged, finished: statusChanged && final, jobs: [...changed.values()], steps: [] };
  // A job the gate failed decides its dependents: one more pass moves them on.
  return gateFailed ? mergeChanges(changes, await advanceInTransaction(tx, buildId, now)) : changes;
}
