import * as api from '@ritmo/protocol';
import { generateToken, hashToken } from '../auth/tokens.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import type { AgentApiDeps } from './agent-api-deps.js';
import { authenticateAgent, authenticateRegistration } from './agent-credentials.js';

const TAG = 'agent-api';

/** Registration (registration token -> agent token) and goodbye. */
export function registerAgentRoutes(deps: AgentApiDeps): RouteSpec[] {
  const { store, config } = deps;
  return [
    defineRoute({
      method: 'POST',
      path: api.agentPaths.register,
      summary: 'Register an agent with a registration token; answers its own agent token (shown once)',
      tag: TAG,
      body: api.RegisterAgentRequest,
      response: { status: 201, schema: api.RegisterAgentResponse },
      errors: ['ERR_AGENT_UNAUTHENTICATED', 'ERR_AGENT_INVALID_TOKEN', 'ERR_API_VALIDATION'],
      guard: 'public',
      handler: async ({ body, request }) => {
        const registration = await authenticateRegistration(deps, request);
        const token = generateToken('ritmoagent');
        const agent = await store.agents.createAgent({
          name: body.name,
          labels: [...new Set([...body.labels, ...registration.labels])],
          capacity: body.capacity,
          version: body.version,
          ephemeral: body.ephemeral,
          tokenHash: hashToken(token),
          registrationTokenId: registration.id,
        });
        await store.registrationTokens.recordRegistrationTokenUse(registration.id);
        request.log.info({ agentId: agent.id, name: agent.name, labels: agent.labels }, 'agent registered');
        return {
          agentId: agent.id,
          name: agent.name,
          token,
          labels: agent.labels,
          leaseTtlMs: config.leaseTtlMs,
          heartbeatIntervalMs: config.heartbeatIntervalMs,
          pollTimeoutMs: config.pollTimeoutMs,
        } satisfies api.RegisterAgentResponse;
      },
    }),
    defineRoute({
      method: 'POST',
      path: api.agentPaths.offline,
      summary: 'An agent says goodbye: it shows offline (an ephemeral agent without jobs is removed)',
      tag: TAG,
      response: { status: 204 },
      errors: ['ERR_AGENT_UNAUTHENTICATED', 'ERR_AGENT_INVALID_TOKEN'],
      guard: 'public',
      handler: async ({ request }) => {
        const agent = await authenticateAgent(deps, request);
        const busy = (await store.queue.listLeases(agent.id)).length > 0;
        if (agent.ephemeral && !busy) await store.agents.deleteAgent(agent.id);
        else await store.agents.updateAgent(agent.id, { status: 'offline', lastSeenAt: deps.clock.now() });
        request.log.info({ agentId: agent.id, removed: agent.ephemeral && !busy }, 'agent went offline');
      },
    }),
  ];
}
