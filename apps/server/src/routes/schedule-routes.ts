import { z } from 'zod';
import * as api from '@ritmo/protocol';
import type { Pipeline, Schedule, Store } from '@ritmo/store';
import { projectResource } from '../auth/actor.js';
import { iso } from '../dto/iso.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { findProjectOr404 } from './lookups.js';
import { ProjectParams } from './params.js';
import { recordAudit } from './record-audit.js';
import type { TriggerRouteDeps } from './trigger-route-deps.js';

async function toDtos(store: Store, schedules: readonly Schedule[]): Promise<api.Schedule[]> {
  const pipelines = new Map<string, Pipeline | undefined>();
  for (const s of schedules) if (!pipelines.has(s.pipelineId)) pipelines.set(s.pipelineId, await store.pipelines.findPipeline(s.pipelineId));
  return schedules.map((s) => ({
    id: s.id,
    projectId: s.projectId,
    pipeline: pipelines.get(s.pipelineId)?.name ?? s.pipelineId,
    cron: s.cron,
    timezone: s.timezone,
    branch: s.branch,
    enabled: s.enabled,
    nextRunAt: iso(s.nextRunAt),
    lastRunAt: iso(s.lastRunAt),
    lastBuildId: s.lastBuildId,
  }));
}

/** The cron schedules of a project's pipeline, as the scheduler keeps them, and a way to resync them. */
export function scheduleRoutes(deps: TriggerRouteDeps): RouteSpec[] {
  const { store } = deps;
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/projects/{project}/schedules',
      summary: 'List the project’s cron schedules with their next and last ticks',
      tag: 'triggers',
      params: ProjectParams,
      query: api.PageQuery,
      response: { status: 200, schema: api.Page(api.Schedule) },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_STORE_INVALID_CURSOR'],
      guard: async ({ params }) => {
        const project = await findProjectOr404(store, params.project);
        return { action: 'project.read', resource: projectResource(project.id), loaded: project };
      },
      handler: async ({ loaded, query }) => {
        const page = await store.schedules.listSchedules({ projectId: loaded.id }, { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
        return { items: await toDtos(store, page.items), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/projects/{project}/schedules/sync',
      summary: 'Read the pipeline on the default branch now and make the schedules match its on.schedule',
      tag: 'triggers',
      params: ProjectParams,
      response: { status: 200, schema: z.object({ state: z.enum(['synced', 'no-pipeline', 'unchanged']), items: z.array(api.Schedule) }) },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_API_REPO_UNAVAILABLE'],
      guard: async ({ params }) => {
        const project = await findProjectOr404(store, params.project);
        return { action: 'trigger.manage', resource: projectResource(project.id), loaded: project };
      },
      handler: async ({ loaded, request }) => {
        const result = await deps.scheduler.syncProject(loaded);
        await recordAudit(deps, request, { action: 'schedules.sync', targetType: 'project', targetId: loaded.id, projectId: loaded.id, details: { state: result.state, schedules: result.schedules.length } });
        return { state: result.state, items: await toDtos(store, result.schedules) };
      },
    }),
  ];
}
