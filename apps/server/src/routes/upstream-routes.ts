import { z } from 'zod';
import * as api from '@ritmo/protocol';
import { RitmoError } from '@ritmo/shared';
import type { Store, UpstreamTrigger } from '@ritmo/store';
import { projectResource } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { iso } from '../dto/iso.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { checkUpstreamCycle } from '../triggers/check-upstream-cycle.js';
import { findProjectOr404 } from './lookups.js';
import { ProjectParams } from './params.js';
import { recordAudit } from './record-audit.js';
import type { TriggerRouteDeps } from './trigger-route-deps.js';

const ProjectRef = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be a project name or id');
const UpstreamParams = z.strictObject({ project: ProjectRef, upstream: ProjectRef });

async function toDto(store: Store, link: UpstreamTrigger): Promise<api.UpstreamTrigger> {
  const upstream = await store.projects.findProject(link.upstreamProjectId);
  return { upstream: upstream?.name ?? link.upstreamProjectId, upstreamProjectId: link.upstreamProjectId, statuses: link.statuses, branches: link.branches, createdAt: iso(link.createdAt) };
}

async function findUpstream(store: Store, ref: string) {
  const project = (await store.projects.findProject(ref)) ?? (await store.projects.findProjectByName(ref));
  if (!project) throw new RitmoError('ERR_TRIGGER_UPSTREAM_NOT_FOUND', `no project "${ref}" to follow`);
  return project;
}

/** Upstream triggers: this project is built when a build of another one ends with a given status. */
export function upstreamRoutes(deps: TriggerRouteDeps): RouteSpec[] {
  const { store } = deps;
  const guardManage = async ({ params }: { params: { project: string } }) => {
    const project = await findProjectOr404(store, params.project);
    return { action: 'trigger.manage' as const, resource: projectResource(project.id), loaded: project };
  };
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/projects/{project}/upstreams',
      summary: 'List the projects whose builds trigger this project',
      tag: 'triggers',
      params: ProjectParams,
      response: { status: 200, schema: z.object({ items: z.array(api.UpstreamTrigger) }) },
      errors: ['ERR_API_PROJECT_NOT_FOUND'],
      guard: async ({ params }) => {
        const project = await findProjectOr404(store, params.project);
        return { action: 'project.read', resource: projectResource(project.id), loaded: project };
      },
      handler: async ({ loaded }) => ({ items: await Promise.all((await store.upstreamTriggers.listUpstreamTriggers(loaded.id)).map((l) => toDto(store, l))) }),
    }),
    defineRoute({
      method: 'PUT',
      path: '/api/v1/projects/{project}/upstreams/{upstream}',
      summary: 'Build this project when a build of `upstream` ends with one of `statuses` (on one of `branches`)',
      tag: 'triggers',
      params: UpstreamParams,
      body: api.PutUpstreamRequest,
      response: { status: 200, schema: api.UpstreamTrigger },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_TRIGGER_UPSTREAM_NOT_FOUND', 'ERR_TRIGGER_UPSTREAM_CYCLE'],
      guard: guardManage,
      handler: async ({ loaded, params, body, actor, request }) => {
        const upstream = await findUpstream(store, params.upstream);
        // The downstream build reads the upstream build's facts: its configurer must be able to see them.
        authorize(actor, 'build.read', projectResource(upstream.id));
        checkUpstreamCycle(await store.upstreamTriggers.listAllUpstreamTriggers(), loaded.id, upstream.id);
        const link = await store.upstreamTriggers.putUpstreamTrigger({ projectId: loaded.id, upstreamProjectId: upstream.id, statuses: body.statuses, branches: body.branches });
        await recordAudit(deps, request, { action: 'upstream.put', targetType: 'project', targetId: loaded.id, projectId: loaded.id, details: { upstream: upstream.id, statuses: body.statuses } });
        return toDto(store, link);
      },
    }),
    defineRoute({
      method: 'DELETE',
      path: '/api/v1/projects/{project}/upstreams/{upstream}',
      summary: 'Stop building this project after builds of `upstream`',
      tag: 'triggers',
      params: UpstreamParams,
      response: { status: 204 },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_TRIGGER_UPSTREAM_NOT_FOUND'],
      guard: guardManage,
      handler: async ({ loaded, params, request }) => {
        const upstream = await findUpstream(store, params.upstream);
        await store.upstreamTriggers.deleteUpstreamTrigger(loaded.id, upstream.id).catch((e: unknown) => {
          throw new RitmoError('ERR_TRIGGER_UPSTREAM_NOT_FOUND', `project ${loaded.name} does not follow ${upstream.name}`, { cause: e });
        });
        await recordAudit(deps, request, { action: 'upstream.delete', targetType: 'project', targetId: loaded.id, projectId: loaded.id, details: { upstream: upstream.id } });
      },
    }),
  ];
}
