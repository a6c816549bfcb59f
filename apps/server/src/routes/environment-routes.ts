import { z } from 'zod';
import * as api from '@ritmo/protocol';
import { RitmoError } from '@ritmo/shared';
import type { Environment, Project, Store } from '@ritmo/store';
import { projectResource } from '../auth/actor.js';
import type { Action } from '../auth/authorize.js';
import { deployArtifact } from '../deployments/deploy-artifact.js';
import { rollbackEnvironment } from '../deployments/rollback-environment.js';
import { toDeploymentDtos, toEnvironmentDto } from '../deployments/to-delivery-dtos.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import type { DeliveryRouteDeps } from './delivery-route-deps.js';
import { findProjectOr404 } from './lookups.js';
import { ProjectParams } from './params.js';
import { recordAudit } from './record-audit.js';

const EnvironmentParams = z.strictObject({ project: ProjectParams.shape.project, name: api.EnvironmentName });

async function findEnvironmentOr404(store: Store, project: Project, name: string): Promise<Environment> {
  const environment = await store.environments.findEnvironmentByName(project.id, name);
  if (!environment) {
    throw new RitmoError('ERR_DEPLOY_ENVIRONMENT_NOT_FOUND', `project ${project.name} has no environment ${name}`, {
      suggestions: [`create it with PUT /api/v1/projects/${project.name}/environments/${name}, or run a job with environment: ${name}`],
    });
  }
  return environment;
}

/** Environments: their protection rules, their deployment history and current version, and deploy or roll back in one call. */
export function environmentRoutes(deps: DeliveryRouteDeps): RouteSpec[] {
  const { store } = deps;
  const guardProject = (action: Action) => async ({ params }: { params: { project: string } }) => {
    const project = await findProjectOr404(store, params.project);
    return { action, resource: projectResource(project.id), loaded: project };
  };
  const deployDeps = { store, hub: deps.hub, clock: deps.clock, logger: deps.logger, orchestrator: deps.orchestrator };
  const toResult = (r: { build: { id: string; number: number }; jobId: string; digest: string | null; rollbackOf: string | null }): api.DeployResult => ({
    buildId: r.build.id,
    buildNumber: r.build.number,
    jobId: r.jobId,
    digest: r.digest,
    rollbackOf: r.rollbackOf,
  });
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/projects/{project}/environments',
      summary: 'List a project’s environments with the version each runs',
      tag: 'deployments',
      params: ProjectParams,
      query: api.PageQuery,
      response: { status: 200, schema: api.Page(api.Environment) },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_STORE_INVALID_CURSOR'],
      guard: guardProject('environment.read'),
      handler: async ({ loaded, query }) => {
        const page = await store.environments.listEnvironments(loaded.id, { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
        return { items: await Promise.all(page.items.map((e) => toEnvironmentDto(store, e))), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/projects/{project}/environments/{name}',
      summary: 'Get an environment: its protection rules and current version',
      tag: 'deployments',
      params: EnvironmentParams,
      response: { status: 200, schema: api.Environment },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_DEPLOY_ENVIRONMENT_NOT_FOUND'],
      guard: guardProject('environment.read'),
      handler: async ({ loaded, params }) => toEnvironmentDto(store, await findEnvironmentOr404(store, loaded, params.name)),
    }),
    defineRoute({
      method: 'PUT',
      path: '/api/v1/projects/{project}/environments/{name}',
      summary: 'Create an environment or change its URL and protection rules (reviewers, approvals, allowed branches, wait timer)',
      tag: 'deployments',
      params: EnvironmentParams,
      body: api.PutEnvironmentRequest,
      response: { status: 200, schema: api.Environment },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_DEPLOY_ENVIRONMENT_INVALID'],
      guard: guardProject('environment.manage'),
      handler: async ({ loaded, params, body, request }) => {
        for (const user of body.protection?.reviewers ?? []) {
          if (!(await store.users.findUserByUsername(user))) throw new RitmoError('ERR_DEPLOY_ENVIRONMENT_INVALID', `reviewer ${user} is not a user`, { details: { reviewer: user } });
        }
        const { environment, created } = await store.environments.putEnvironment({
          projectId: loaded.id,
          name: params.name,
          ...(body.url === undefined ? {} : { url: body.url }),
          ...(body.protection === undefined ? {} : { protection: body.protection }),
        });
        await recordAudit(deps, request, { action: created ? 'environment.create' : 'environment.update', targetType: 'environment', targetId: environment.id, projectId: loaded.id, details: { name: params.name, protection: body.protection ?? null } });
        return toEnvironmentDto(store, environment);
      },
    }),
    defineRoute({
      method: 'DELETE',
      path: '/api/v1/projects/{project}/environments/{name}',
      summary: 'Delete an environment with its deployment history',
      tag: 'deployments',
      params: EnvironmentParams,
      response: { status: 204 },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_DEPLOY_ENVIRONMENT_NOT_FOUND'],
      guard: guardProject('environment.manage'),
      handler: async ({ loaded, params, request }) => {
        const environment = await findEnvironmentOr404(store, loaded, params.name);
        await store.environments.deleteEnvironment(loaded.id, params.name);
        await recordAudit(deps, request, { action: 'environment.delete', targetType: 'environment', targetId: environment.id, projectId: loaded.id, details: { name: params.name } });
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/projects/{project}/environments/{name}/deployments',
      summary: 'An environment’s deployment history, newest first',
      tag: 'deployments',
      params: EnvironmentParams,
      query: api.ListDeploymentsQuery,
      response: { status: 200, schema: api.Page(api.Deployment) },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_DEPLOY_ENVIRONMENT_NOT_FOUND', 'ERR_STORE_INVALID_CURSOR'],
      guard: guardProject('environment.read'),
      handler: async ({ loaded, params, query }) => {
        const environment = await findEnvironmentOr404(store, loaded, params.name);
        const page = await store.deployments.listDeployments(environment.id, { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
        return { items: await toDeploymentDtos(store, environment, page.items), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/projects/{project}/environments/{name}/deployments',
      summary: 'Deploy an artifact (by digest): its build’s deploy job for this environment runs again with it, nothing is rebuilt',
      tag: 'deployments',
      params: EnvironmentParams,
      body: api.DeployRequest,
      response: { status: 201, schema: api.DeployResult },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_ARTIFACT_NOT_FOUND', 'ERR_DEPLOY_NO_DEPLOY_JOB'],
      guard: guardProject('deployment.create'),
      handler: async ({ loaded, params, body, actor, request }) => {
        const result = await deployArtifact(deployDeps, { project: loaded, environment: params.name, digest: body.digest, actor: actor.userId });
        await recordAudit(deps, request, { action: 'deployment.create', targetType: 'build', targetId: result.build.id, projectId: loaded.id, details: { environment: params.name, digest: body.digest } });
        return toResult(result);
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/projects/{project}/environments/{name}/rollback',
      summary: 'Roll back: redeploy the artifact of the previous successful deployment by re-running its deploy job (no rebuild), recorded as a rollback',
      tag: 'deployments',
      params: EnvironmentParams,
      response: { status: 201, schema: api.DeployResult },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_DEPLOY_ENVIRONMENT_NOT_FOUND', 'ERR_DEPLOY_NOTHING_TO_ROLL_BACK'],
      guard: guardProject('deployment.create'),
      handler: async ({ loaded, params, actor, request }) => {
        const environment = await findEnvironmentOr404(store, loaded, params.name);
        const result = await rollbackEnvironment(deployDeps, { project: loaded, environment, actor: actor.userId });
        await recordAudit(deps, request, { action: 'deployment.rollback', targetType: 'build', targetId: result.build.id, projectId: loaded.id, details: { environment: params.name, digest: result.digest, rollbackOf: result.rollbackOf } });
        return toResult(result);
      },
    }),
  ];
}
