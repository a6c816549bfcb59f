import type { Build, Job, Project, StoreTransaction } from '@ritmo/store';
import { branchAllowed, isProtected, protectionOf, waitingReason } from './environment-protection.js';
import { environmentOf } from './environment-of.js';

export type DeploymentGate = { action: 'open' } | { action: 'hold'; reason: string } | { action: 'fail'; reason: string };

const OPEN: DeploymentGate = { action: 'open' };

/**
 * What a runnable job deploying to an environment must do before it is queued: fail when its branch
 * may not deploy there, wait when the environment is protected (approvals or a wait timer) and the
 * job was not released yet, else go.
 */
export async function deploymentGate(tx: StoreTransaction, build: Build, project: Project, job: Job, now: number): Promise<DeploymentGate> {
  const spec = job.planJob.environment;
  if (spec === undefined) return OPEN;
  const { name } = environmentOf(build, project.name, spec);
  const environment = await tx.environments.findEnvironmentByName(project.id, name);
  if (!environment) return OPEN;
  const protection = protectionOf(environment.protection);
  if (!branchAllowed(protection, build.branch)) {
    return { action: 'fail', reason: `environment ${name} accepts deployments from ${protection.allowedBranches.join(', ')} only, not ${build.branch ?? build.ref ?? 'this ref'}` };
  }
  if (job.approvedBy !== null || !isProtected(protection)) return OPEN;
  return { action: 'hold', reason: waitingReason(name, protection, 0, now + protection.waitTimerMs) };
}
