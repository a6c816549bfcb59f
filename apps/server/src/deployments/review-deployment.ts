import { RitmoError } from '@ritmo/shared';
import type { Job, StoreTransaction } from '@ritmo/store';
import { approversOf, isProtected, protectionOf, waitingReason } from './environment-protection.js';
import { environmentOf } from './environment-of.js';

/** The actor the server approves as when a deployment's wait timer ran out. */
export const TIMER_ACTOR = 'ritmo:wait-timer';

/**
 * An approval of a waiting deploy job, checked against its environment's protection: the approver
 * must be a named reviewer (when the environment names them); the approval is recorded on the
 * deployment; the job is released only once it has enough distinct approvals and its wait timer ran
 * out. Jobs that deploy nowhere protected are released at once. Returns whether to release it.
 */
export async function reviewDeployment(tx: StoreTransaction, job: Job, actor: string, now: number): Promise<boolean> {
  const spec = job.planJob.environment;
  if (spec === undefined) return true;
  const build = await tx.builds.getBuild(job.buildId);
  const project = await tx.projects.getProject(build.projectId);
  const { name } = environmentOf(build, project.name, spec);
  const environment = await tx.environments.findEnvironmentByName(project.id, name);
  const deployment = await tx.deployments.findJobDeployment(job.id);
  if (!environment || !deployment || deployment.status !== 'pending') return true;
  const protection = protectionOf(environment.protection);
  if (!isProtected(protection)) return true;

  let approvals = deployment.approvals;
  const fresh = actor !== TIMER_ACTOR && !approvals.some((a) => a.userId === actor);
  if (protection.requiredApprovals > 0 && fresh) {
    const user = await tx.users.findUser(actor);
    if (protection.reviewers.length > 0 && !(user && protection.reviewers.includes(user.username))) {
      throw new RitmoError('ERR_DEPLOY_NOT_A_REVIEWER', `only ${protection.reviewers.join(', ')} may approve deployments to ${name}`, {
        details: { environment: name, reviewers: protection.reviewers },
      });
    }
    approvals = [...approvals, { userId: actor, username: user?.username ?? actor, at: now }];
  } else if (protection.requiredApprovals > approvals.length && actor !== TIMER_ACTOR) {
    throw new RitmoError('ERR_DEPLOY_ALREADY_APPROVED', `you already approved this deployment to ${name}; it needs ${protection.requiredApprovals} approvals from different people`, {
      details: { approvals: approvals.map((a) => a.username), canApprove: approversOf(protection) },
    });
  }
  const waitUntil = deployment.createdAt + protection.waitTimerMs;
  if (approvals.length >= protection.requiredApprovals && now >= waitUntil) {
    await tx.deployments.updateDeployment(deployment.id, { approvals, reason: null }, { ifStatus: ['pending'] });
    return true;
  }
  const reason = waitingReason(name, protection, approvals.length, waitUntil);
  await tx.deployments.updateDeployment(deployment.id, { approvals, reason }, { ifStatus: ['pending'] });
  await tx.jobs.updateJob(job.id, { reason }, { ifStatus: ['waiting'] });
  return false;
}
