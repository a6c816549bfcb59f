import * as api from '@ritmo/protocol';
import { RitmoError } from '@ritmo/shared';
import { projectResource } from '../auth/actor.js';
import { roleAtLeast } from '../auth/authorize.js';
import { protectionOf } from '../deployments/environment-protection.js';
import { toDeploymentDtos } from '../deployments/to-delivery-dtos.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import type { DeliveryRouteDeps } from './delivery-route-deps.js';
import { IdParams } from './params.js';
import { recordAudit } from './record-audit.js';

/** One deployment, and approving one that waits (named reviewers may approve without the maintainer role). */
export function deploymentRoutes(deps: DeliveryRouteDeps): RouteSpec[] {
  const { store } = deps;
  const guard = async ({ params }: { params: { id: string } }) => {
    const deployment = await store.deployments.findDeployment(params.id);
    if (!deployment) throw new RitmoError('ERR_DEPLOY_NOT_FOUND', `no deployment "${params.id}"`);
    const environment = await store.environments.getEnvironment(deployment.environmentId);
    return { action: 'deployment.review' as const, resource: projectResource(deployment.projectId), loaded: { deployment, environment } };
  };
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/deployments/{id}',
      summary: 'Get a deployment: artifact digest, build, commit, who, status, times, approvals and who can approve',
      tag: 'deployments',
      params: IdParams,
      response: { status: 200, schema: api.Deployment },
      errors: ['ERR_DEPLOY_NOT_FOUND'],
      guard,
      handler: async ({ loaded }) => (await toDeploymentDtos(store, loaded.environment, [loaded.deployment]))[0],
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/deployments/{id}/approve',
      summary: 'Approve a deployment waiting for its protected environment; it starts once it has its approvals and its wait timer ran out',
      tag: 'deployments',
      params: IdParams,
      response: { status: 200, schema: api.Deployment },
      errors: ['ERR_DEPLOY_NOT_FOUND', 'ERR_DEPLOY_NOT_WAITING', 'ERR_DEPLOY_NOT_A_REVIEWER', 'ERR_DEPLOY_ALREADY_APPROVED'],
      guard,
      handler: async ({ loaded: { deployment, environment }, actor, request }) => {
        const job = deployment.jobId === null ? undefined : await store.jobs.findJob(deployment.jobId);
        if (deployment.status !== 'pending' || job?.status !== 'waiting') {
          throw new RitmoError('ERR_DEPLOY_NOT_WAITING', `deployment ${deployment.id} is ${deployment.status}, not waiting for approval`, { details: { status: deployment.status } });
        }
        const protection = protectionOf(environment.protection);
        // Without named reviewers, approving takes the maintainer role (as approving any job does).
        if (protection.reviewers.length === 0 && !actor.admin && !roleAtLeast(actor.roles.get(deployment.projectId), 'maintainer')) {
          throw new RitmoError('ERR_DEPLOY_NOT_A_REVIEWER', `approving deployments to ${environment.name} takes the maintainer role`, { details: { reviewers: ['maintainers'] } });
        }
        await deps.orchestrator.approveJob(job.id, actor.userId);
        await recordAudit(deps, request, { action: 'deployment.approve', targetType: 'deployment', targetId: deployment.id, projectId: deployment.projectId, details: { environment: environment.name } });
        return (await toDeploymentDtos(store, environment, [await store.deployments.getDeployment(deployment.id)]))[0];
      },
    }),
  ];
}
