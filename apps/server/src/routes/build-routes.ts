import * as api from '@ritmo/protocol';
import { RitmoError } from '@ritmo/shared';
import { projectResource, site } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { buildDetail } from './build-detail.js';
import { listVisibleBuilds } from './list-visible-builds.js';
import { findBuildOr404, findProjectOr404 } from './lookups.js';
import { IdParams, ProjectNumberParams, ProjectParams } from './params.js';
import { recordAudit } from './record-audit.js';
import type { RouteDeps } from './route-deps.js';

/** Builds: trigger, list, get, cancel, retry. */
export function buildRoutes(deps: RouteDeps): RouteSpec[] {
  const { store, orchestrator } = deps;
  const guardBuild = (action: 'build.read' | 'build.cancel' | 'build.retry') => async ({ params }: { params: { id: string } }) => {
    const build = await findBuildOr404(store, params.id);
    return { action, resource: projectResource(build.projectId), loaded: build };
  };
  return [
    defineRoute({
      method: 'POST',
      path: '/api/v1/projects/{project}/builds',
      summary: 'Trigger a build: compile the pipeline (the project’s, or `pipeline` given here) and queue its jobs',
      tag: 'builds',
      params: ProjectParams,
      body: api.TriggerBuildRequest,
      response: { status: 201, schema: api.BuildDetail },
      errors: [
        'ERR_API_PROJECT_NOT_FOUND',
        'ERR_API_PIPELINE_NOT_FOUND',
        'ERR_API_PIPELINE_INVALID',
        'ERR_API_REPO_UNAVAILABLE',
        'ERR_PIPELINE_INPUT_UNKNOWN',
        'ERR_PIPELINE_INPUT_REQUIRED',
        'ERR_PIPELINE_INPUT_TYPE',
        'ERR_PIPELINE_INPUT_CHOICE',
      ],
      guard: async ({ params }) => {
        const project = await findProjectOr404(store, params.project);
        return { action: 'build.trigger', resource: projectResource(project.id), loaded: project };
      },
      handler: async ({ loaded, body, actor, request }) => {
        const build = await orchestrator.triggerBuild({
          project: loaded,
          actor: actor.userId,
          event: 'manual',
          ...(body.ref === undefined ? {} : { ref: body.ref }),
          ...(body.sha === undefined ? {} : { sha: body.sha }),
          ...(body.inputs === undefined ? {} : { inputs: body.inputs }),
          ...(body.pipeline === undefined ? {} : { pipeline: body.pipeline }),
          signal: deps.shutdown,
        });
        await recordAudit(deps, request, { action: 'build.trigger', targetType: 'build', targetId: build.id, projectId: loaded.id, details: { number: build.number } });
        return buildDetail(store, build);
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/builds',
      summary: 'List builds newest first, filtered by project, status, branch and actor',
      tag: 'builds',
      query: api.ListBuildsQuery,
      response: { status: 200, schema: api.Page(api.Build) },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_STORE_INVALID_CURSOR'],
      guard: () => ({ action: 'build.list', resource: site, loaded: undefined }),
      handler: async ({ query, actor }) => {
        let projectId: string | undefined;
        if (query.project !== undefined) {
          projectId = (await findProjectOr404(store, query.project)).id;
          authorize(actor, 'build.read', projectResource(projectId));
        }
        let actorId: string | undefined;
        if (query.actor !== undefined) {
          const user = (await store.users.findUser(query.actor)) ?? (await store.users.findUserByUsername(query.actor));
          if (!user) return { items: [], nextCursor: null };
          actorId = user.id;
        }
        const filter = {
          ...(projectId === undefined ? {} : { projectId }),
          ...(query.status === undefined ? {} : { status: query.status }),
          ...(query.branch === undefined ? {} : { branch: query.branch }),
          ...(actorId === undefined ? {} : { actor: actorId }),
        };
        return listVisibleBuilds(store, actor, filter, { limit: query.limit, ...(query.cursor === undefined ? {} : { cursor: query.cursor }) });
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/projects/{project}/builds/{number}',
      summary: 'Get a build by its number in the project, with jobs and steps',
      tag: 'builds',
      params: ProjectNumberParams,
      response: { status: 200, schema: api.BuildDetail },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_API_BUILD_NOT_FOUND'],
      guard: async ({ params }) => {
        const project = await findProjectOr404(store, params.project);
        return { action: 'build.read', resource: projectResource(project.id), loaded: project };
      },
      handler: async ({ loaded, params }) => {
        const build = await store.builds.findBuildByNumber(loaded.id, params.number);
        if (!build) throw new RitmoError('ERR_API_BUILD_NOT_FOUND', `project ${loaded.name} has no build #${params.number}`);
        return buildDetail(store, build);
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/builds/{id}',
      summary: 'Get a build with its jobs and their steps',
      tag: 'builds',
      params: IdParams,
      response: { status: 200, schema: api.BuildDetail },
      errors: ['ERR_API_BUILD_NOT_FOUND'],
      guard: guardBuild('build.read'),
      handler: ({ loaded }) => buildDetail(store, loaded),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/builds/{id}/cancel',
      summary: 'Cancel a build: queued and running jobs are canceled, pending ones skipped',
      tag: 'builds',
      params: IdParams,
      response: { status: 200, schema: api.BuildDetail },
      errors: ['ERR_API_BUILD_NOT_FOUND', 'ERR_API_BUILD_FINISHED'],
      guard: guardBuild('build.cancel'),
      handler: async ({ loaded, actor, request }) => {
        const { build } = await orchestrator.cancelBuild(loaded.id, actor.userId);
        await recordAudit(deps, request, { action: 'build.cancel', targetType: 'build', targetId: build.id, projectId: build.projectId });
        return buildDetail(store, build);
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/builds/{id}/retry',
      summary: 'Retry a finished build as a new build, or (with `job`) one job and the jobs after it in place',
      tag: 'builds',
      params: IdParams,
      body: api.RetryBuildRequest,
      response: { status: 200, schema: api.BuildDetail, description: 'The new build, or the same build with the job queued again' },
      errors: ['ERR_API_BUILD_NOT_FOUND', 'ERR_API_JOB_NOT_FOUND', 'ERR_API_BUILD_NOT_FINISHED'],
      guard: guardBuild('build.retry'),
      handler: async ({ loaded, body, actor, request }) => {
        if (body.job !== undefined) {
          const { build } = await orchestrator.retryJob(loaded.id, body.job);
          await recordAudit(deps, request, { action: 'job.retry', targetType: 'job', targetId: body.job, projectId: build.projectId });
          return buildDetail(store, build);
        }
        if (!['success', 'failure', 'canceled'].includes(loaded.status)) {
          throw new RitmoError('ERR_API_BUILD_NOT_FINISHED', `build #${loaded.number} is still ${loaded.status}`, { suggestions: ['cancel it first, or retry one job'] });
        }
        const build = await orchestrator.retryBuild(loaded, actor.userId);
        await recordAudit(deps, request, { action: 'build.retry', targetType: 'build', targetId: build.id, projectId: build.projectId, details: { retryOf: loaded.id } });
        return buildDetail(store, build);
      },
    }),
  ];
}
