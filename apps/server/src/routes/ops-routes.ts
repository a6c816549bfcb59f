import { RitmoError, toError } from '@ritmo/shared';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import type { RouteDeps } from './route-deps.js';

/** Health, readiness and Prometheus metrics (no credentials, for probes and scrapers). */
export function opsRoutes(deps: RouteDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/healthz',
      summary: 'Liveness: the process serves requests',
      tag: 'operations',
      response: { status: 200, contentType: 'text/plain; charset=utf-8' },
      guard: 'public',
      handler: () => 'ok\n',
    }),
    defineRoute({
      method: 'GET',
      path: '/readyz',
      summary: 'Readiness: the database answers and its migrations are current',
      tag: 'operations',
      response: { status: 200, contentType: 'text/plain; charset=utf-8' },
      errors: ['ERR_SERVER_NOT_READY', 'ERR_SERVER_SHUTTING_DOWN'],
      guard: 'public',
      handler: async () => {
        if (deps.shutdown.aborted) throw new RitmoError('ERR_SERVER_SHUTTING_DOWN', 'the server is shutting down');
        try {
          await deps.store.ping();
          const state = await deps.store.migrationState();
          if (!state.current) throw new Error(`pending migrations: ${state.pending.join(', ')}`);
        } catch (e: unknown) {
          throw new RitmoError('ERR_SERVER_NOT_READY', `not ready: ${toError(e).message}`, { cause: e });
        }
        return 'ready\n';
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/metrics',
      summary: 'Prometheus metrics: builds by status, queue depth, job wait and duration, agents, HTTP latency, process',
      tag: 'operations',
      response: { status: 200, contentType: 'text/plain; version=0.0.4; charset=utf-8' },
      guard: 'public',
      handler: async ({ reply }) => {
        const { contentType, body } = await deps.metrics.render();
        reply.type(contentType);
        return body;
      },
    }),
  ];
}
