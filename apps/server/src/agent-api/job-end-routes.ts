import { z } from 'zod';
import * as api from '@ritmo/protocol';
import { toError } from '@ritmo/shared';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import type { AgentApiDeps } from './agent-api-deps.js';
import { authenticateJob } from './agent-credentials.js';
import { closeSteps } from './close-steps.js';
import { finishAttempt } from './finish-attempt.js';

const JobParams = z.strictObject({ id: api.Id });
const FENCED = ['ERR_AGENT_UNAUTHENTICATED', 'ERR_AGENT_INVALID_JOB_TOKEN', 'ERR_STORE_LEASE_CONFLICT', 'ERR_STORE_NOT_FOUND', 'ERR_API_VALIDATION'] as const;

/** The end of an attempt: its result, or the claim handed back unrun. */
export function jobEndRoutes(deps: AgentApiDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'POST',
      path: api.agentPaths.complete,
      summary: 'Report the attempt’s result (job token, fenced by the lease); the job ends or is retried, and the build moves on',
      tag: 'agent-api',
      params: JobParams,
      body: api.CompleteJobRequest,
      response: { status: 200, schema: api.CompleteJobResponse },
      errors: [...FENCED],
      guard: 'public',
      handler: async ({ params, body, request }) => {
        const ref = { jobId: params.id, attempt: body.attempt, leaseToken: body.leaseToken };
        await authenticateJob(deps, request, ref);
        const ended = await finishAttempt(deps, ref, { status: body.status, exitCode: body.exitCode, outputs: body.outputs, reason: body.reason });
        request.log.info({ jobId: ref.jobId, attempt: ref.attempt, status: body.status, requeued: ended.requeued }, 'job attempt ended');
        return { status: ended.job.status, requeued: ended.requeued } satisfies api.CompleteJobResponse;
      },
    }),
    defineRoute({
      method: 'POST',
      path: api.agentPaths.release,
      summary: 'Hand a claimed job back unrun (job token, fenced by the lease); it is queued again for another agent',
      tag: 'agent-api',
      params: JobParams,
      body: api.ReleaseJobRequest,
      response: { status: 204 },
      errors: [...FENCED],
      guard: 'public',
      handler: async ({ params, body, request }) => {
        const ref = { jobId: params.id, attempt: body.attempt, leaseToken: body.leaseToken };
        await authenticateJob(deps, request, ref);
        const ended = await deps.store.queue.releaseJob({ ...ref, reason: body.reason, now: deps.clock.now() });
        await closeSteps(deps, ended.job.buildId, ref.jobId, ref.attempt, 'canceled');
        deps.publisher.jobStatus(ended.job);
        await deps.orchestrator.advance(ended.job.buildId).catch((e: unknown) => deps.logger.warn({ err: toError(e) }, 'could not advance the build after a release'));
      },
    }),
  ];
}
