import { toError, type Clock, type Logger } from '@ritmo/shared';
import type { Store } from '@ritmo/store';
import type { Orchestrator } from '../orchestration/create-orchestrator.js';
import { protectionOf } from './environment-protection.js';
import { TIMER_ACTOR } from './review-deployment.js';

/**
 * Releases deploy jobs whose wait timer ran out and that have their approvals: one pass over the
 * pending deployments (the delivery sweeper runs it). Returns how many were released.
 */
export async function releaseDueDeployments(deps: { store: Store; orchestrator: Pick<Orchestrator, 'approveJob'>; clock: Clock; logger: Logger }): Promise<number> {
  const now = deps.clock.now();
  let released = 0;
  for (const deployment of await deps.store.deployments.listDeploymentsByStatus(['pending'], 500)) {
    if (deployment.jobId === null) continue;
    const environment = await deps.store.environments.findEnvironment(deployment.environmentId);
    if (!environment) continue;
    const protection = protectionOf(environment.protection);
    if (protection.waitTimerMs === 0 || now < deployment.createdAt + protection.waitTimerMs) continue;
    if (deployment.approvals.length < protection.requiredApprovals) continue;
    const job = await deps.store.jobs.findJob(deployment.jobId);
    if (job?.status !== 'waiting') continue;
    // An untrusted build's job also needs a person's approval; the timer alone never releases it.
    if (deployment.approvals.length === 0 && !(await deps.store.builds.getBuild(job.buildId)).trusted) continue;
    try {
      await deps.orchestrator.approveJob(job.id, TIMER_ACTOR);
      released += 1;
    } catch (e: unknown) {
      deps.logger.warn({ err: toError(e), jobId: job.id }, 'could not release a deployment after its wait timer');
    }
  }
  return released;
}
