import type { Build, DeploymentStatus, Job, Project, StoreTransaction } from '@ritmo/store';
import { deployPinOf } from '../artifacts/deploy-pin.js';
import { neededArtifacts } from '../artifacts/needed-artifacts.js';
import { environmentOf } from './environment-of.js';

const ACTIVE: readonly DeploymentStatus[] = ['pending', 'in_progress'];

/** The deployment status a deploy job's status stands for (none while pending or skipped). */
function statusFor(job: Job): DeploymentStatus | undefined {
  switch (job.status) {
    case 'waiting':
    case 'queued':
      return 'pending';
    case 'running':
      return 'in_progress';
    case 'success':
      return 'success';
    case 'failure':
    case 'canceled':
      return 'failure';
    default:
      return undefined;
  }
}

/** The artifact a deploy job deploys: the one its deploy or rollback build pins, else the nearest needed job's. */
async function artifactOf(tx: StoreTransaction, build: Build, job: Job): Promise<{ id: string; digest: string } | undefined> {
  const pinned = deployPinOf(build)?.artifactId;
  if (pinned) return tx.artifacts.findArtifact(pinned);
  return (await neededArtifacts(tx, build, job.planJob)).at(-1);
}

/**
 * Keeps the deployment records of a build's deploy jobs (jobs with `environment:`) in step with the
 * jobs, inside the transaction that changed them: a record appears when the job leaves `pending`, and
 * follows it to in_progress, success or failure; a job run again gets a new record. A successful
 * rollback marks the deployment it rolled back `rolled_back`.
 */
export async function syncDeployments(tx: StoreTransaction, build: Build, project: Project, jobs: readonly Job[], now: number): Promise<void> {
  if (!build.plan.jobs.some((j) => j.environment !== undefined)) return;
  const pin = deployPinOf(build);
  for (const job of jobs) {
    const spec = job.planJob.environment;
    if (spec === undefined || (pin !== undefined && job.planJobId !== pin.job)) continue;
    const status = statusFor(job);
    const current = await tx.deployments.findJobDeployment(job.id);
    const active = current !== undefined && ACTIVE.includes(current.status);
    if (status === undefined) {
      if (active && job.status === 'skipped') await tx.deployments.updateDeployment(current.id, { status: 'failure', reason: job.reason ?? 'skipped', finishedAt: now }, { ifStatus: ACTIVE });
      continue;
    }
    const timing = {
      ...(status === 'in_progress' ? { startedAt: job.startedAt ?? now } : {}),
      ...(status === 'success' || status === 'failure' ? { finishedAt: job.finishedAt ?? now } : {}),
    };
    const reason = job.status === 'waiting' || status === 'failure' ? job.reason : null;
    if (current === undefined || (!active && ACTIVE.includes(status))) {
      const env = environmentOf(build, project.name, spec);
      const environment = await tx.environments.ensureEnvironment(project.id, env.name, env.url);
      const artifact = await artifactOf(tx, build, job);
      await tx.deployments.createDeployment({
        projectId: project.id,
        environmentId: environment.id,
        artifactId: artifact?.id ?? null,
        artifactDigest: artifact?.digest ?? null,
        buildId: build.id,
        jobId: job.id,
        sha: build.sha,
        actor: build.actor,
        status,
        reason,
        rollbackOf: pin?.rollbackOf ?? null,
        ...timing,
      });
    } else if (active && current.status !== status) {
      await tx.deployments.updateDeployment(current.id, { status, reason, ...timing }, { ifStatus: ACTIVE });
    } else if (active && current.reason !== reason) {
      await tx.deployments.updateDeployment(current.id, { reason }, { ifStatus: ACTIVE });
    } else {
      continue;
    }
    if (status === 'success' && pin?.rollbackOf) {
      const rolledBack = await tx.deployments.findDeployment(pin.rollbackOf);
      if (rolledBack?.status === 'success') await tx.deployments.updateDeployment(rolledBack.id, { status: 'rolled_back' }, { ifStatus: ['success'] });
    }
  }
}
