import { advanceBuild, deriveBuildStatus, isFinalStatus } from '@ritmo/pipeline';
import { CONCURRENCY_REASON, type Job, type JobPatch, type Project, type StoreTransaction } from '@ritmo/store';
import { deploymentGate } from '../deployments/deployment-gate.js';
import { syncDeployments } from '../deployments/sync-deployments.js';
import { mergeChanges, type BuildChanges } from './build-changes.js';
import { cancelJob, UNFINISHED } from './cancel-job.js';
import { createAdmission } from './concurrency/create-admission.js';
import { evict } from './concurrency/evict.js';
import { releaseGroups } from './concurrency/release-groups.js';
import { expressionContextOf } from './expression-context-of.js';
import { lockBuild } from './lock-build.js';
import { needsApproval } from './needs-approval.js';

/**
 * Moves a build's DAG forward inside the caller's transaction: pending jobs whose needs ended are
 * queued (or held for a concurrency group or an approval), skipped or failed; fail-fast and a canceled
 * build cancel jobs; then the build's status is derived again, and concurrency groups its ended build
 * or jobs held pass to their next waiter. Call it after any job of the build changed.
 */
export async function advanceInTransaction(tx: StoreTransaction, buildId: string, now: number): Promise<BuildChanges> {
  await lockBuild(tx, buildId);
  let build = await tx.builds.getBuild(buildId);
  const project: Project = await tx.projects.getProject(build.projectId);
  const jobs = await tx.jobs.listBuildJobs(buildId);
  const byPlanId = new Map(jobs.map((j) => [j.planJobId, j]));
  const state = Object.fromEntries(jobs.map((j) => [j.planJobId, { status: j.status, outputs: j.outputs }]));
  const cancelled = build.canceledBy !== null;
  const ctx = expressionContextOf(build, project.name);
  const decision = advanceBuild(build.plan, state, ctx, { cancelled });

  const changed = new Map<string, Job>();
  const record = (updated: Job): void => {
    byPlanId.set(updated.planJobId, updated);
    changed.set(updated.id, updated);
  };
  const apply = async (planJobId: string, patch: JobPatch, from: readonly Job['status'][]): Promise<void> => {
    const job = byPlanId.get(planJobId);
    if (!job || !from.includes(job.status)) return;
    record(await tx.jobs.updateJob(job.id, patch, { ifStatus: from }));
  };
  const cancel = async (planJobId: string, reason: string): Promise<void> => {
    const job = byPlanId.get(planJobId);
    if (job && (UNFINISHED as readonly string[]).includes(job.status)) record(await cancelJob(tx, job, reason, now));
  };

  // A job the gates failed or a group evicted from this build decides its dependents: one more pass moves them on.
  let again = false;
  const admission = createAdmission(tx, { build, project, jobs: byPlanId, ctx, now });
  for (const id of decision.queue) {
    const job = byPlanId.get(id);
    if (job === undefined) continue;
    const admitted = await admission.admit(job);
    if (admitted.action === 'fail') {
      await apply(id, { status: 'failure', reason: admitted.reason, finishedAt: now }, ['pending']);
      again = true;
      continue;
    }
    const group = { concurrencyGroup: admitted.group };
    if (admitted.action === 'wait') {
      await apply(id, { status: 'waiting', reason: CONCURRENCY_REASON, ...group }, ['pending']);
      continue;
    }
    // Protected environments may fail the job (a branch not allowed there) or hold it with their own reason.
    const gate = await deploymentGate(tx, build, project, job, now);
    if (gate.action === 'fail') {
      await apply(id, { status: 'failure', reason: gate.reason, finishedAt: now, ...group }, ['pending']);
      again = true;
      continue;
    }
    const hold = job.approvedBy === null && needsApproval(build, job.planJob, project);
    const waitReason = gate.action === 'hold' ? gate.reason : hold ? 'approval' : undefined;
    await apply(id, waitReason !== undefined ? { status: 'waiting', reason: waitReason, ...group } : { status: 'queued', reason: null, queuedAt: now, ...group }, ['pending']);
  }
  for (const { jobId, reason } of decision.skip) await apply(jobId, { status: 'skipped', reason, finishedAt: now }, ['pending']);
  for (const { jobId, reason } of decision.fail) await apply(jobId, { status: 'failure', reason, finishedAt: now }, ['pending']);
  for (const { jobId, reason } of decision.cancel) await cancel(jobId, reason);

  const related: BuildChanges[] = [];
  for (const eviction of admission.evictions) {
    const own = eviction.scope === 'job' && eviction.buildId === buildId ? jobs.find((j) => j.id === eviction.id) : undefined;
    if (own !== undefined) {
      await cancel(own.planJobId, eviction.reason);
      again = true;
    } else {
      const elsewhere = await evict(tx, eviction, now, advanceInTransaction);
      if (elsewhere) related.push(elsewhere);
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
  const promoted = await releaseGroups(tx, build, all, now, advanceInTransaction);
  related.push(...promoted.filter((p) => p.build.id !== buildId));
  let changes: BuildChanges = { build, statusChanged, finished: statusChanged && final, jobs: [...changed.values()], steps: [], related };
  for (const own of promoted.filter((p) => p.build.id === buildId)) changes = mergeChanges(changes, own);
  return again ? mergeChanges(changes, await advanceInTransaction(tx, buildId, now)) : changes;
}
