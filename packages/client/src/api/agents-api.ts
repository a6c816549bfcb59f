import type { Agent, AgentRegistrationToken, CreateAgentTokenRequest, CreatedAgentToken, Page } from '@ritmo/protocol';
import type { Http } from '../create-http.js';
import { seg, type PageParams } from './page-params.js';

/** The agent fleet and the registration tokens agents join with. */
export function createAgentsApi(http: Http) {
  return {
    list: (params: PageParams & { status?: 'online' | 'offline' } = {}, signal?: AbortSignal) =>
      http.json<Page<Agent>>('GET', '/api/v1/agents', { query: { ...params }, ...(signal ? { signal } : {}) }),
    get: (id: string) => http.json<Agent>('GET', `/api/v1/agents/${seg(id)}`),
    drain: (id: string) => http.json<Agent>('POST', `/api/v1/agents/${seg(id)}/drain`),
    remove: (id: string) => http.json<void>('DELETE', `/api/v1/agents/${seg(id)}`),
    listTokens: (params: PageParams = {}) => http.json<Page<AgentRegistrationToken>>('GET', '/api/v1/agent-tokens', { query: { ...params } }),
    createToken: (body: CreateAgentTokenRequest) => http.json<CreatedAgentToken>('POST', '/api/v1/agent-tokens', { body }),
    revokeToken: (id: string) => http.json<void>('DELETE', `/api/v1/agent-tokens/${seg(id)}`),
  };
}

export type AgentsApi = ReturnType<typeof createAgentsApi>;
