import * as api from '@ritmo/protocol';
import { projectResource, site } from '../auth/actor.js';
import { loadAnalytics } from '../analytics/load-analytics.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { findProjectOr404 } from './lookups.js';
import type { RouteDeps } from './route-deps.js';

/** Build and test analytics over a window of days, for one project or every project the caller can read. */
export function analyticsRoutes(deps: RouteDeps): RouteSpec[] {
  const { store } = deps;
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/analytics',
      summary: 'Build duration p50/p95 and success rate per day, queue wait p50/p95, slowest jobs and flaky tests over the last ?days= (default 14), for ?project= or every readable project',
      tag: 'analytics',
      query: api.AnalyticsQuery,
      response: { status: 200, schema: api.Analytics },
      errors: ['ERR_API_PROJECT_NOT_FOUND'],
      guard: async ({ query }) => {
        if (query.project === undefined) return { action: 'build.list', resource: site, loaded: undefined };
        const project = await findProjectOr404(store, query.project);
        return { action: 'build.read', resource: projectResource(project.id), loaded: project };
      },
      handler: async ({ loaded: project, query, actor }) =>
        loadAnalytics(store, {
          days: query.days,
          now: deps.clock.now(),
          ...(project !== undefined ? { projectId: project.id, projectName: project.name } : actor.admin ? {} : { projectIds: [...actor.roles.keys()] }),
        }),
    }),
  ];
}
