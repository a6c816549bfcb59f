import * as api from '@ritmo/protocol';
import { parseDuration, RitmoError } from '@ritmo/shared';
import type { Agent } from '@ritmo/store';
import { site } from '../auth/actor.js';
import { generateToken, hashToken } from '../auth/tokens.js';
import { toAgentDto, toRegistrationTokenDto } from '../dto/to-identity-dto.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { findAgentOr404 } from './lookups.js';
import { IdParams } from './params.js';
import { recordAudit } from './record-audit.js';
import type { RouteDeps } from './route-deps.js';

const ListAgentsQuery = api.PageQuery.extend({ status: api.AgentStatus.optional() });

/** Agents (list, get, drain, delete) and the registration tokens new agents sign up with. */
export function agentRoutes(deps: RouteDeps): RouteSpec[] {
  const { store, clock } = deps;
  const running = async (agentId: string): Promise<string[]> =>
    (await store.jobs.listJobs({ agentId, status: 'running' }, { limit: 500 })).items.map((j) => j.id);
  const dto = async (agent: Agent): Promise<api.Agent> => toAgentDto(agent, await running(agent.id));
  const manage = async ({ params }: { params: { id: string } }) => ({ action: 'agent.manage' as const, resource: site, loaded: await findAgentOr404(store, params.id) });
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/agents',
      summary: 'List registered agents, oldest first',
      tag: 'agents',
      query: ListAgentsQuery,
      response: { status: 200, schema: api.Page(api.Agent) },
      errors: ['ERR_STORE_INVALID_CURSOR'],
      guard: () => ({ action: 'agent.read', resource: site, loaded: undefined }),
      handler: async ({ query }) => {
        const page = await store.agents.listAgents(query.status === undefined ? {} : { status: query.status }, { limit: query.limit, ...(query.cursor === undefined ? {} : { cursor: query.cursor }) });
        return { items: await Promise.all(page.items.map(dto)), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/agents/{id}',
      summary: 'Get an agent with the jobs it runs',
      tag: 'agents',
      params: IdParams,
      response: { status: 200, schema: api.Agent },
      errors: ['ERR_API_AGENT_NOT_FOUND'],
      guard: async ({ params }) => ({ action: 'agent.read', resource: site, loaded: await findAgentOr404(store, params.id) }),
      handler: ({ loaded }) => dto(loaded),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/agents/{id}/drain',
      summary: 'Drain an agent: it finishes what it runs and claims nothing new',
      tag: 'agents',
      params: IdParams,
      response: { status: 200, schema: api.Agent },
      errors: ['ERR_API_AGENT_NOT_FOUND'],
      guard: manage,
      handler: async ({ loaded, request }) => {
        const agent = await store.agents.updateAgent(loaded.id, { draining: true });
        await recordAudit(deps, request, { action: 'agent.drain', targetType: 'agent', targetId: agent.id });
        return dto(agent);
      },
    }),
    defineRoute({
      method: 'DELETE',
      path: '/api/v1/agents/{id}',
      summary: 'Remove an agent that runs no jobs (its token stops working)',
      tag: 'agents',
      params: IdParams,
      response: { status: 204 },
      errors: ['ERR_API_AGENT_NOT_FOUND', 'ERR_API_AGENT_BUSY'],
      guard: manage,
      handler: async ({ loaded, request }) => {
        const jobs = await running(loaded.id);
        if (jobs.length > 0) {
          throw new RitmoError('ERR_API_AGENT_BUSY', `agent ${loaded.name} still runs ${jobs.length} job(s)`, {
            details: { jobs },
            suggestions: [`POST /api/v1/agents/${loaded.id}/drain, then delete it once its jobs ended`],
          });
        }
        await store.agents.deleteAgent(loaded.id);
        await recordAudit(deps, request, { action: 'agent.delete', targetType: 'agent', targetId: loaded.id, details: { name: loaded.name } });
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/agent-tokens',
      summary: 'List agent registration tokens (never their secrets)',
      tag: 'agents',
      query: api.PageQuery,
      response: { status: 200, schema: api.Page(api.AgentRegistrationToken) },
      errors: ['ERR_STORE_INVALID_CURSOR'],
      guard: () => ({ action: 'agent-token.manage', resource: site, loaded: undefined }),
      handler: async ({ query }) => {
        const page = await store.registrationTokens.listRegistrationTokens(query);
        return { items: page.items.map(toRegistrationTokenDto), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/agent-tokens',
      summary: 'Create a registration token for agents (`ritmo agent --token …`); the secret is shown once',
      tag: 'agents',
      body: api.CreateAgentTokenRequest,
      response: { status: 201, schema: api.CreatedAgentToken },
      guard: () => ({ action: 'agent-token.manage', resource: site, loaded: undefined }),
      handler: async ({ body, actor, request }) => {
        const token = generateToken('ritmoreg');
        const lifetime = body.expiresIn === undefined ? undefined : parseDuration(body.expiresIn);
        const created = await store.registrationTokens.createRegistrationToken({
          name: body.name,
          tokenHash: hashToken(token),
          labels: body.labels ?? [],
          createdBy: actor.userId,
          expiresAt: lifetime === undefined ? null : clock.now() + lifetime,
        });
        await recordAudit(deps, request, { action: 'agent-token.create', targetType: 'agent-token', targetId: created.id, details: { name: created.name } });
        return { ...toRegistrationTokenDto(created), token };
      },
    }),
    defineRoute({
      method: 'DELETE',
      path: '/api/v1/agent-tokens/{id}',
      summary: 'Revoke a registration token (agents already registered keep working)',
      tag: 'agents',
      params: IdParams,
      response: { status: 204 },
      errors: ['ERR_API_TOKEN_NOT_FOUND'],
      guard: async ({ params }) => {
        const token = await store.registrationTokens.findRegistrationToken(params.id);
        if (!token) throw new RitmoError('ERR_API_TOKEN_NOT_FOUND', `no registration token "${params.id}"`);
        return { action: 'agent-token.manage', resource: site, loaded: token };
      },
      handler: async ({ loaded, request }) => {
        if (loaded.revokedAt === null) await store.registrationTokens.updateRegistrationToken(loaded.id, { revokedAt: clock.now() });
        await recordAudit(deps, request, { action: 'agent-token.revoke', targetType: 'agent-token', targetId: loaded.id });
      },
    }),
  ];
}
