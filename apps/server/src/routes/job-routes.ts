import * as api from '@ritmo/protocol';
import { isFinalStatus } from '@ritmo/pipeline';
import { RitmoError } from '@ritmo/shared';
import { projectResource } from '../auth/actor.js';
import { loadJobDtos } from '../dto/load-job-dtos.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { findTailOffset } from './find-tail-offset.js';
import { findJobOr404 } from './lookups.js';
import { IdParams } from './params.js';
import { recordAudit } from './record-audit.js';
import type { RouteDeps } from './route-deps.js';

/** Jobs: read one, approve one held for approval, and read its log. */
export function jobRoutes(deps: RouteDeps): RouteSpec[] {
  const { store } = deps;
  const guardJob = (action: 'build.read' | 'job.approve' | 'log.read') => async ({ params }: { params: { id: string } }) => {
    const found = await findJobOr404(store, params.id);
    return { action, resource: projectResource(found.build.projectId), loaded: found };
  };
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/jobs/{id}',
      summary: 'Get a job with the steps of its current attempt',
      tag: 'jobs',
      params: IdParams,
      response: { status: 200, schema: api.Job },
      errors: ['ERR_API_JOB_NOT_FOUND'],
      guard: guardJob('build.read'),
      handler: async ({ loaded }) => (await loadJobDtos(store.db, [loaded.job]))[0],
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/jobs/{id}/approve',
      summary: 'Approve a job that waits for approval, so it is queued',
      tag: 'jobs',
      params: IdParams,
      response: { status: 200, schema: api.Job },
      errors: ['ERR_API_JOB_NOT_FOUND', 'ERR_API_JOB_NOT_WAITING'],
      guard: guardJob('job.approve'),
      handler: async ({ loaded, actor, request }) => {
        await deps.orchestrator.approveJob(loaded.job.id, actor.userId);
        await recordAudit(deps, request, { action: 'job.approve', targetType: 'job', targetId: loaded.job.id, projectId: loaded.build.projectId });
        return (await loadJobDtos(store.db, [await store.jobs.getJob(loaded.job.id)]))[0];
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/jobs/{id}/log',
      summary: 'A job’s log as text: all of it, a byte range (?offset=&limit=), the last N lines (?tail=N), or as a file (?download=1)',
      tag: 'jobs',
      params: IdParams,
      query: api.LogQuery,
      response: {
        status: 200,
        contentType: 'text/plain; charset=utf-8',
        description: 'The log bytes. X-Ritmo-Log-Offset and X-Ritmo-Log-Next-Offset give the range sent, X-Ritmo-Log-Size the size so far, X-Ritmo-Log-Complete whether the job ended.',
      },
      errors: ['ERR_API_JOB_NOT_FOUND', 'ERR_API_LOG_RANGE'],
      guard: guardJob('log.read'),
      handler: async ({ loaded: { job, build }, query, reply }) => {
        const attempt = query.attempt ?? job.attempt;
        const size = await store.logs.getLogSize(job.id, attempt);
        let from = query.offset ?? 0;
        if (query.tail !== undefined) from = await findTailOffset(store, job.id, attempt, size, query.tail);
        if (from > size) {
          throw new RitmoError('ERR_API_LOG_RANGE', `offset ${from} is past the end of the log (${size} bytes)`, { details: { size } });
        }
        const to = query.limit === undefined ? size : Math.min(size, from + query.limit);
        const bytes = await store.logs.readLog(job.id, attempt, { from, to });
        reply.header('x-ritmo-log-offset', String(from));
        reply.header('x-ritmo-log-next-offset', String(from + bytes.length));
        reply.header('x-ritmo-log-size', String(size));
        reply.header('x-ritmo-log-complete', String(isFinalStatus(job.status) && attempt === job.attempt));
        if (query.download === '1' || query.download === 'true') {
          reply.header('content-disposition', `attachment; filename="build-${build.number}-${job.planJobId.replace(/[^A-Za-z0-9._-]/g, '_')}-${attempt}.log"`);
        }
        return bytes;
      },
    }),
  ];
}
