import { z } from 'zod';
import * as api from '@ritmo/protocol';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import type { AgentApiDeps } from './agent-api-deps.js';
import { authenticateJob } from './agent-credentials.js';

const JobParams = z.strictObject({ id: api.Id });
const StepParams = z.strictObject({ id: api.Id, stepId: z.string().min(1).max(200) });
const FENCED = ['ERR_AGENT_UNAUTHENTICATED', 'ERR_AGENT_INVALID_JOB_TOKEN', 'ERR_STORE_LEASE_CONFLICT', 'ERR_STORE_NOT_FOUND', 'ERR_API_VALIDATION'] as const;

/** Step updates and log chunks: job token, and a lease that still holds (409 ERR_STORE_LEASE_CONFLICT otherwise). */
export function jobWriteRoutes(deps: AgentApiDeps): RouteSpec[] {
  const { store, publisher, clock } = deps;
  return [
    defineRoute({
      method: 'POST',
      path: api.agentPaths.step,
      summary: 'A step of the job started or ended (job token, fenced by the lease)',
      tag: 'agent-api',
      params: StepParams,
      body: api.StepUpdateRequest,
      response: { status: 204 },
      errors: [...FENCED],
      guard: 'public',
      handler: async ({ params, body, request }) => {
        const ref = { jobId: params.id, attempt: body.attempt, leaseToken: body.leaseToken };
        await authenticateJob(deps, request, ref);
        const now = clock.now();
        const running = body.status === 'running';
        const { job, step } = await store.transaction(async (tx) => {
          const job = await tx.queue.assertLease(ref);
          const step = await tx.steps.updateStep(params.id, body.attempt, params.stepId, {
            status: body.status,
            ...(body.exitCode === undefined ? {} : { exitCode: body.exitCode }),
            ...(running ? { startedAt: now } : { finishedAt: now }),
          });
          return { job, step };
        });
        publisher.stepStatus(job.buildId, step);
      },
    }),
    defineRoute({
      method: 'POST',
      path: api.agentPaths.log,
      summary: 'Append a chunk of the job’s log at a byte offset (job token, fenced by the lease; idempotent)',
      tag: 'agent-api',
      params: JobParams,
      body: api.LogChunkRequest,
      response: { status: 200, schema: api.LogChunkResponse },
      errors: [...FENCED, 'ERR_STORE_LOG_GAP', 'ERR_STORE_LOG_OVERLAP'],
      guard: 'public',
      handler: async ({ params, body, request }) => {
        const ref = { jobId: params.id, attempt: body.attempt, leaseToken: body.leaseToken };
        await authenticateJob(deps, request, ref);
        const data = Buffer.from(body.data, 'base64');
        const { job, end, written } = await store.transaction(async (tx) => {
          const job = await tx.queue.assertLease(ref);
          return { job, ...(await tx.logs.appendLogChunk({ jobId: ref.jobId, attempt: ref.attempt, offset: body.offset, data })) };
        });
        if (written > 0) publisher.logLines(job.buildId, ref.jobId, ref.attempt, end - written, data.subarray(data.length - written));
        return { offset: end } satisfies api.LogChunkResponse;
      },
    }),
  ];
}
