import { z } from 'zod';
import * as api from '@ritmo/protocol';
import { isRitmoError, toError } from '@ritmo/shared';
import type { LeaseRef } from '@ritmo/store';
import { buildTopic } from '../events/event-hub.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import type { AgentApiDeps } from './agent-api-deps.js';
import { authenticateJob } from './agent-credentials.js';
import { requestClosed } from './request-closed.js';
import { createWakeFlag } from './wait-for-wake.js';

const JobParams = z.strictObject({ id: api.Id });

/** The build of the job when `ref` still holds its lease, else why it does not. */
async function leaseState(deps: AgentApiDeps, ref: LeaseRef): Promise<{ buildId: string } | { reason: string }> {
  try {
    return { buildId: (await deps.store.queue.assertLease(ref)).buildId };
  } catch (e: unknown) {
    if (isRitmoError(e, 'ERR_STORE_LEASE_CONFLICT')) return { reason: (e.details as { reason: string }).reason };
    if (isRitmoError(e, 'ERR_STORE_NOT_FOUND')) return { reason: 'unknown-job' };
    throw toError(e);
  }
}

/**
 * Held until the job must stop (canceled, lost, taken over) or `waitMs` passed: the job's status
 * events wake it (through LISTEN/NOTIFY on PostgreSQL), so a cancel reaches the agent at once.
 */
export function watchRoute(deps: AgentApiDeps): RouteSpec {
  return defineRoute({
    method: 'POST',
    path: api.agentPaths.watch,
    summary: 'Wait until the job must stop (job token): answers { cancel: true } as soon as its lease is gone, else { cancel: false } after waitMs',
    tag: 'agent-api',
    params: JobParams,
    body: api.WatchJobRequest,
    response: { status: 200, schema: api.WatchJobResponse },
    errors: ['ERR_AGENT_UNAUTHENTICATED', 'ERR_AGENT_INVALID_JOB_TOKEN', 'ERR_API_VALIDATION'],
    guard: 'public',
    handler: async ({ params, body, request, reply }) => {
      const ref = { jobId: params.id, attempt: body.attempt, leaseToken: body.leaseToken };
      await authenticateJob(deps, request, ref);
      const first = await leaseState(deps, ref);
      if ('reason' in first) return { cancel: true, reason: first.reason } satisfies api.WatchJobResponse;
      const flag = createWakeFlag();
      const unsubscribe = deps.hub.subscribe(buildTopic(first.buildId), (e) => {
        if (e.type === 'job.status' && e.jobId === ref.jobId) flag.wake();
      });
      const signal = AbortSignal.any([requestClosed(reply), deps.shutdown]);
      const deadline = performance.now() + Math.min(body.waitMs ?? deps.config.pollTimeoutMs, deps.config.pollTimeoutMs * 2);
      try {
        for (;;) {
          const left = deadline - performance.now();
          if (left <= 0 || (await flag.wait(Math.min(left, deps.config.recheckMs), signal)) === 'aborted') break;
          flag.take();
          const now = await leaseState(deps, ref);
          if ('reason' in now) return { cancel: true, reason: now.reason } satisfies api.WatchJobResponse;
        }
      } finally {
        unsubscribe();
      }
      return { cancel: false, reason: null } satisfies api.WatchJobResponse;
    },
  });
}
