import * as api from '@ritmo/protocol';
import { projectResource, site } from '../auth/actor.js';
import { createSseSink } from '../events/create-sse-sink.js';
import { createWsSink } from '../events/create-ws-sink.js';
import { streamBuild, type BuildStreamRequest } from '../events/stream-build.js';
import { streamGlobal } from '../events/stream-global.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { findBuildOr404 } from './lookups.js';
import { IdParams } from './params.js';
import type { RouteDeps } from './route-deps.js';

const HEARTBEAT_MS = 15_000;

function lastEventIdOf(header: string | string[] | undefined, query: string | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value ?? query;
}

function logsOf(logs: string | undefined): BuildStreamRequest['logs'] {
  if (logs === undefined || logs === 'all') return 'all';
  if (logs === 'none') return 'none';
  return new Set(logs.split(',').filter(Boolean));
}

/** Live events: one build's (`/builds/{id}/events`) and everyone's build.created / build.finished (`/events`), over SSE or WebSocket. */
export function eventRoutes(deps: RouteDeps): RouteSpec[] {
  const sinkOptions = { heartbeatMs: HEARTBEAT_MS, shutdown: deps.shutdown };
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/builds/{id}/events',
      summary:
        'Live events of one build as Server-Sent Events (or a WebSocket upgrade on the same path): the current state, the logs so far, then changes until build.finished. Resume with Last-Event-ID (SSE) or ?lastEventId= (WebSocket).',
      tag: 'events',
      params: IdParams,
      query: api.BuildEventsQuery,
      response: { status: 200, contentType: 'text/event-stream', description: 'A stream of LiveEvent (event: <type>, data: JSON, id: resume point)' },
      errors: ['ERR_API_BUILD_NOT_FOUND'],
      guard: async ({ params }) => {
        const build = await findBuildOr404(deps.store, params.id);
        return { action: 'build.read', resource: projectResource(build.projectId), loaded: build };
      },
      handler: ({ loaded, query, request, reply }) => {
        const lastEventId = lastEventIdOf(request.headers['last-event-id'], query.lastEventId);
        return streamBuild(
          deps,
          { buildId: loaded.id, logs: logsOf(query.logs), ...(lastEventId === undefined ? {} : { lastEventId }), ...(query.offset === undefined ? {} : { offset: query.offset }) },
          () => createSseSink(reply, sinkOptions),
        );
      },
      websocket: ({ loaded, query, socket }) =>
        streamBuild(
          deps,
          { buildId: loaded.id, logs: logsOf(query.logs), ...(query.lastEventId === undefined ? {} : { lastEventId: query.lastEventId }), ...(query.offset === undefined ? {} : { offset: query.offset }) },
          () => createWsSink(socket, sinkOptions),
        ),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/events',
      summary: 'Live build.created and build.finished events of every project you can read, as Server-Sent Events (or a WebSocket upgrade on the same path)',
      tag: 'events',
      query: api.GlobalEventsQuery,
      response: { status: 200, contentType: 'text/event-stream', description: 'A stream of LiveEvent' },
      guard: () => ({ action: 'events.read', resource: site, loaded: undefined }),
      handler: ({ actor, query, request, reply }) => {
        const lastEventId = lastEventIdOf(request.headers['last-event-id'], query.lastEventId);
        const canSee = (projectId: string): boolean => actor.admin || actor.roles.has(projectId);
        return streamGlobal(deps, { canSee, ...(lastEventId === undefined ? {} : { lastEventId }) }, () => createSseSink(reply, sinkOptions));
      },
      websocket: ({ actor, query, socket }) => {
        const canSee = (projectId: string): boolean => actor.admin || actor.roles.has(projectId);
        return streamGlobal(deps, { canSee, ...(query.lastEventId === undefined ? {} : { lastEventId: query.lastEventId }) }, () => createWsSink(socket, sinkOptions));
      },
    }),
  ];
}
