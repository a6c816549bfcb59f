import * as api from '@ritmo/protocol';
import type { Agent, ClaimedJob } from '@ritmo/store';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import type { AgentApiDeps } from './agent-api-deps.js';
import { authenticateAgent } from './agent-credentials.js';
import { buildJobPayload } from './build-job-payload.js';
import { failUnpreparedClaim } from './fail-unprepared-claim.js';
import { requestClosed } from './request-closed.js';
import { startClaimedJob } from './start-claimed-job.js';
import { touchAgent } from './touch-agent.js';

/**
 * Claims a job for the agent, holding the request up to `waitMs` while nothing fits: the dispatcher
 * wakes it the moment a job is queued, and it also looks again every `recheckMs` in case a wake-up
 * was lost. A draining agent claims nothing.
 */
async function claimOrWait(deps: AgentApiDeps, agent: Agent, body: api.ClaimRequest, signal: AbortSignal): Promise<ClaimedJob | undefined> {
  const { store, config, dispatcher } = deps;
  const deadline = performance.now() + Math.min(body.waitMs ?? config.pollTimeoutMs, config.pollTimeoutMs * 2);
  const { flag, leave } = dispatcher.join();
  try {
    for (let first = true; ; first = false) {
      flag.take();
      const current = first ? agent : await store.agents.findAgent(agent.id);
      if (current === undefined) return undefined;
      if (!current.draining) {
        const claim = await store.queue.claimJob({ agentId: agent.id, labels: current.labels, requestId: body.requestId, leaseTtlMs: config.leaseTtlMs, now: deps.clock.now() });
        if (claim) return claim;
      }
      const left = deadline - performance.now();
      if (left <= 0 || signal.aborted) return undefined;
      if ((await flag.wait(Math.min(left, config.recheckMs), signal)) === 'aborted') return undefined;
    }
  } finally {
    leave();
  }
}

export function claimRoute(deps: AgentApiDeps): RouteSpec {
  return defineRoute({
    method: 'POST',
    path: api.agentPaths.claim,
    summary: 'Long-poll for a job (agent token): answers a job payload with its lease and job token, or 204 when none came in time',
    tag: 'agent-api',
    body: api.ClaimRequest,
    response: { status: 200, schema: api.JobPayload, description: 'A claimed job; 204 (no body) when no job came before the wait ended' },
    errors: ['ERR_AGENT_UNAUTHENTICATED', 'ERR_AGENT_INVALID_TOKEN', 'ERR_AGENT_JOB_NOT_PREPARED', 'ERR_API_VALIDATION'],
    guard: 'public',
    handler: async ({ body, request, reply }) => {
      const agent = await touchAgent(deps, await authenticateAgent(deps, request));
      const signal = AbortSignal.any([requestClosed(reply), deps.shutdown]);
      const claim = await claimOrWait(deps, agent, body, signal);
      if (claim === undefined) return reply.code(204).send();
      request.log.info({ agentId: agent.id, jobId: claim.job.id, buildId: claim.job.buildId, attempt: claim.attempt, replayed: claim.replayed }, 'job claimed');
      let payload: api.JobPayload;
      try {
        payload = await buildJobPayload(deps, claim);
      } catch (e: unknown) {
        throw await failUnpreparedClaim(deps, claim, e);
      }
      await startClaimedJob(deps, claim);
      return payload;
    },
  });
}
