import * as api from '@ritmo/protocol';
import { projectResource } from '../auth/actor.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { findJobOr404 } from './lookups.js';
import { IdParams } from './params.js';
import type { RouteDeps } from './route-deps.js';

/** Most parts in one answer; a client asks again from the last offset for more. */
const MAX_PARTS = 5000;

/**
 * When each stored part of a log reached the server: the timestamps a log viewer shows beside lines
 * (the log's bytes themselves stay exactly what the steps printed).
 */
export function logTimeRoutes(deps: RouteDeps): RouteSpec[] {
  const { store } = deps;
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/jobs/{id}/log/times',
      summary: 'When the server received each stored part of a job’s log (byte offset and time), for the parts overlapping ?from=&to=',
      tag: 'jobs',
      params: IdParams,
      query: api.LogTimesQuery,
      response: { status: 200, schema: api.LogTimes },
      errors: ['ERR_API_JOB_NOT_FOUND'],
      guard: async ({ params }) => {
        const found = await findJobOr404(store, params.id);
        return { action: 'log.read', resource: projectResource(found.build.projectId), loaded: found };
      },
      handler: async ({ loaded: { job }, query }) => {
        const attempt = query.attempt ?? job.attempt;
        const first = await store.db
          .selectFrom('log_chunks')
          .select('byte_offset')
          .where('job_id', '=', job.id)
          .where('attempt', '=', attempt)
          .where('byte_offset', '<=', query.from)
          .orderBy('byte_offset', 'desc')
          .limit(1)
          .executeTakeFirst();
        let rows = store.db
          .selectFrom('log_chunks')
          .select(['byte_offset', 'created_at'])
          .where('job_id', '=', job.id)
          .where('attempt', '=', attempt)
          .where('byte_offset', '>=', first === undefined ? 0 : Number(first.byte_offset));
        if (query.to !== undefined) rows = rows.where('byte_offset', '<', query.to);
        const parts = await rows.orderBy('byte_offset').limit(MAX_PARTS).execute();
        return { parts: parts.map((p) => ({ offset: Number(p.byte_offset), at: new Date(Number(p.created_at)).toISOString() })) } satisfies api.LogTimes;
      },
    }),
  ];
}
