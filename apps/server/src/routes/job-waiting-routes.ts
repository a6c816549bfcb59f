import * as api from '@ritmo/protocol';
import { projectResource } from '../auth/actor.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { describeWaiting } from './describe-waiting.js';
import { findJobOr404 } from './lookups.js';
import { IdParams } from './params.js';
import type { RouteDeps } from './route-deps.js';

/** `GET /api/v1/jobs/{id}/waiting`: why a job has not started, with its place in the queue. */
export function jobWaitingRoutes(deps: Pick<RouteDeps, 'store'>): RouteSpec[] {
  const { store } = deps;
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/jobs/{id}/waiting',
      summary:
        'Why a job waits: the needs it waits for, an approval, a concurrency group, no online agent with its labels (naming them), or every matching agent busy; with its queue position',
      tag: 'jobs',
      params: IdParams,
      response: { status: 200, schema: api.JobWaiting },
      errors: ['ERR_API_JOB_NOT_FOUND'],
      guard: async ({ params }) => {
        const found = await findJobOr404(store, params.id);
        return { action: 'build.read', resource: projectResource(found.build.projectId), loaded: found };
      },
      handler: async ({ loaded: { job } }) => describeWaiting(await store.queue.explainWaiting(job.id), job.planJob),
    }),
  ];
}
