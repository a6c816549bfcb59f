import * as api from '@ritmo/protocol';
import { RitmoError } from '@ritmo/shared';
import { projectResource } from '../auth/actor.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { findJobOr404 } from './lookups.js';
import { IdParams } from './params.js';
import type { RouteDeps } from './route-deps.js';
import { searchLog } from './search-log.js';

function parseCursor(cursor: string | undefined): { offset: number; line: number } {
  if (cursor === undefined) return { offset: 0, line: 1 };
  const [offset, line] = cursor.split('.').map(Number);
  return { offset: offset ?? 0, line: Math.max(1, line ?? 1) };
}

/** Searching a job's whole log on the server, so a client never needs to hold it to find a line. */
export function logSearchRoutes(deps: RouteDeps): RouteSpec[] {
  const { store } = deps;
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/jobs/{id}/log/search',
      summary: 'Search a job’s log: the lines containing ?q= (ASCII case ignored unless ?case=1), with line numbers and byte offsets; continue with ?cursor=',
      tag: 'jobs',
      params: IdParams,
      query: api.LogSearchQuery,
      response: { status: 200, schema: api.LogSearchResult },
      errors: ['ERR_API_JOB_NOT_FOUND', 'ERR_API_LOG_RANGE'],
      guard: async ({ params }) => {
        const found = await findJobOr404(store, params.id);
        return { action: 'log.read', resource: projectResource(found.build.projectId), loaded: found };
      },
      handler: async ({ loaded: { job }, query, request }) => {
        const attempt = query.attempt ?? job.attempt;
        const size = await store.logs.getLogSize(job.id, attempt);
        const from = parseCursor(query.cursor);
        if (from.offset > size) {
          throw new RitmoError('ERR_API_LOG_RANGE', `cursor offset ${from.offset} is past the end of the log (${size} bytes)`, { details: { size } });
        }
        // Stop reading when the client goes away or the server shuts down.
        const stop = new AbortController();
        const socket = request.raw.socket;
        const onClose = (): void => stop.abort();
        socket?.once('close', onClose);
        const signal = AbortSignal.any([stop.signal, deps.shutdown]);
        const caseSensitive = query.case === '1' || query.case === 'true';
        let found;
        try {
          found = await searchLog(store, { jobId: job.id, attempt, size, query: query.q, caseSensitive, limit: query.limit, from, signal });
        } finally {
          socket?.off('close', onClose);
        }
        return {
          matches: found.matches,
          next: found.next ? `${found.next.offset}.${found.next.line}` : null,
          scanned: found.scanned,
          size,
        } satisfies api.LogSearchResult;
      },
    }),
  ];
}
