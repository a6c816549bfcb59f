import { z } from 'zod';
import * as api from '@ritmo/protocol';
import { RitmoError } from '@ritmo/shared';
import { projectResource } from '../auth/actor.js';
import { deleteCacheEntry } from '../caches/delete-cache-entry.js';
import { toCacheDto } from '../deployments/to-delivery-dtos.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import type { DeliveryRouteDeps } from './delivery-route-deps.js';
import { findProjectOr404 } from './lookups.js';
import { ProjectParams } from './params.js';
import { recordAudit } from './record-audit.js';

const CacheParams = z.strictObject({ project: ProjectParams.shape.project, id: api.Id });

/** A project's caches: list them (most recently used first) and delete one. */
export function cacheRoutes(deps: DeliveryRouteDeps): RouteSpec[] {
  const { store } = deps;
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/projects/{project}/caches',
      summary: 'List a project’s caches, most recently used first (?key= narrows to keys starting with it)',
      tag: 'caches',
      params: ProjectParams,
      query: api.ListCachesQuery,
      response: { status: 200, schema: api.Page(api.Cache) },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_STORE_INVALID_CURSOR'],
      guard: async ({ params }) => {
        const project = await findProjectOr404(store, params.project);
        return { action: 'cache.read', resource: projectResource(project.id), loaded: project };
      },
      handler: async ({ loaded, query }) => {
        const page = await store.caches.listCaches(loaded.id, query.key ? { keyPrefix: query.key } : {}, { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
        return { items: page.items.map(toCacheDto), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'DELETE',
      path: '/api/v1/projects/{project}/caches/{id}',
      summary: 'Delete a cache',
      tag: 'caches',
      params: CacheParams,
      response: { status: 204 },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_CACHE_NOT_FOUND'],
      guard: async ({ params }) => {
        const project = await findProjectOr404(store, params.project);
        return { action: 'cache.delete', resource: projectResource(project.id), loaded: project };
      },
      handler: async ({ loaded, params, request }) => {
        const cache = await store.caches.findCache(params.id);
        if (!cache || cache.projectId !== loaded.id) throw new RitmoError('ERR_CACHE_NOT_FOUND', `project ${loaded.name} has no cache ${params.id}`);
        await deleteCacheEntry(deps.artifacts, cache);
        await recordAudit(deps, request, { action: 'cache.delete', targetType: 'cache', targetId: cache.id, projectId: loaded.id, details: { key: cache.key, scope: cache.scope } });
      },
    }),
  ];
}
