import * as api from '@ritmo/protocol';
import { isRitmoError, toError } from '@ritmo/shared';
import type { LeaseRef } from '@ritmo/store';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import type { AgentApiDeps } from './agent-api-deps.js';
import { authenticateAgent } from './agent-credentials.js';
import { touchAgent } from './touch-agent.js';

/** Why a lease the agent named is not its own to renew. */
async function refusal(deps: AgentApiDeps, ref: LeaseRef): Promise<string> {
  try {
    await deps.store.queue.assertLease(ref);
    return 'token-mismatch';
  } catch (e: unknown) {
    if (isRitmoError(e, 'ERR_STORE_LEASE_CONFLICT')) return (e.details as { reason: string }).reason;
    if (isRitmoError(e, 'ERR_STORE_NOT_FOUND')) return 'unknown-job';
    throw toError(e);
  }
}

/**
 * The agent's heartbeat: renews the lease of every job it runs, and answers the jobs it must stop
 * (canceled, lost, not its own) and whether it is drained.
 */
export function heartbeatRoute(deps: AgentApiDeps): RouteSpec {
  const { store, config } = deps;
  return defineRoute({
    method: 'POST',
    path: api.agentPaths.heartbeat,
    summary: 'Heartbeat (agent token): renews the leases of the running jobs; answers the jobs to cancel and whether to drain',
    tag: 'agent-api',
    body: api.HeartbeatRequest,
    response: { status: 200, schema: api.HeartbeatResponse },
    errors: ['ERR_AGENT_UNAUTHENTICATED', 'ERR_AGENT_INVALID_TOKEN', 'ERR_API_VALIDATION'],
    guard: 'public',
    handler: async ({ body, request }) => {
      const agent = await touchAgent(deps, await authenticateAgent(deps, request), { draining: body.draining });
      const held = new Map((await store.queue.listLeases(agent.id)).map((l) => [l.jobId, l]));
      const refs = body.running.map((r) => ({ jobId: r.jobId, attempt: r.attempt, leaseToken: r.leaseToken }));
      const own = refs.filter((r) => held.get(r.jobId)?.attempt === r.attempt);
      const renewed = await store.queue.extendLeases({ leases: own, ttlMs: config.leaseTtlMs, now: deps.clock.now() });
      const cancel: api.CancelJob[] = renewed.rejected.map((r) => ({ jobId: r.jobId, attempt: r.attempt, reason: r.reason }));
      for (const ref of refs.filter((r) => !own.includes(r))) cancel.push({ jobId: ref.jobId, attempt: ref.attempt, reason: await refusal(deps, ref) });
      const leases: api.LeaseExtension[] = [];
      for (const e of renewed.extended) {
        leases.push({ jobId: e.jobId, attempt: e.attempt, leaseExpiresAt: new Date(e.leaseExpiresAt).toISOString(), logOffset: await store.logs.getLogSize(e.jobId, e.attempt) });
      }
      if (cancel.length > 0) request.log.info({ agentId: agent.id, cancel }, 'heartbeat: jobs to stop');
      return { cancel, leases, draining: agent.draining, heartbeatIntervalMs: config.heartbeatIntervalMs } satisfies api.HeartbeatResponse;
    },
  });
}
