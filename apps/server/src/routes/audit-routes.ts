import * as api from '@ritmo/protocol';
import { projectResource, site } from '../auth/actor.js';
import { toAuditDto } from '../dto/to-identity-dto.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { findProjectOr404 } from './lookups.js';
import type { RouteDeps } from './route-deps.js';

/** The audit log: all of it for site administrators, one project's for its maintainers. */
export function auditRoutes(deps: RouteDeps): RouteSpec[] {
  const { store } = deps;
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/audit',
      summary: 'List audit events newest first (?project= for one project’s, which its maintainers may read)',
      tag: 'audit',
      query: api.ListAuditQuery,
      response: { status: 200, schema: api.Page(api.AuditEvent) },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_STORE_INVALID_CURSOR'],
      guard: async ({ query }) => {
        if (query.project === undefined) return { action: 'audit.read', resource: site, loaded: undefined };
        const project = await findProjectOr404(store, query.project);
        return { action: 'audit.read-project', resource: projectResource(project.id), loaded: project.id };
      },
      handler: async ({ query, loaded }) => {
        const page = await store.audit.listAuditEvents(
          {
            ...(loaded === undefined ? {} : { projectId: loaded }),
            ...(query.actor === undefined ? {} : { actor: query.actor }),
            ...(query.action === undefined ? {} : { action: query.action }),
          },
          { limit: query.limit, ...(query.cursor === undefined ? {} : { cursor: query.cursor }) },
        );
        return { items: page.items.map(toAuditDto), nextCursor: page.nextCursor };
      },
    }),
  ];
}
