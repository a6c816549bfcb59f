import { describe, expect, it } from 'vitest';
import * as api from '@ritmo/protocol';
import { STORE_KINDS } from '@ritmo/store/testing';
import { hashToken } from '../auth/tokens.js';
import { useAgentTestServer } from './testing/test-agent-server.js';

const body = { name: 'box-1', labels: ['linux', 'os:linux', 'executor:dummy'], capacity: 2, version: '0.1.0', executor: 'dummy' };

describe.each(STORE_KINDS)('agent registration (%s)', (kind) => {
  const t = useAgentTestServer(kind);

  it('trades a registration token for an agent token, merging the token labels', async () => {
    const reg = await t.call('POST', '/api/v1/agent-tokens', { body: { name: 'pool', labels: ['pool:a'] } });
    const res = await t.call('POST', api.agentPaths.register, { token: reg.json.token, body });
    expect(res.status).toBe(201);
    const answer = api.RegisterAgentResponse.parse(res.json);
    expect(answer.token).toMatch(/^ritmoagent_/);
    expect(answer.labels).toEqual(['executor:dummy', 'linux', 'os:linux', 'pool:a']);
    expect(answer).toMatchObject({ leaseTtlMs: 60_000, heartbeatIntervalMs: 15_000, pollTimeoutMs: 30_000 });
    const agent = await t.store.agents.getAgent(answer.agentId);
    expect(agent).toMatchObject({ name: 'box-1', capacity: 2, version: '0.1.0', status: 'online', tokenHash: hashToken(answer.token) });
    expect((await t.store.registrationTokens.getRegistrationToken(reg.json.id)).uses).toBe(1);
    const beat = await t.call('POST', api.agentPaths.heartbeat, { token: answer.token, body: { running: [] } });
    expect(beat.json).toEqual({ cancel: [], leases: [], draining: false, heartbeatIntervalMs: 15_000 });
  });

  it('refuses missing, unknown and revoked tokens', async () => {
    expect((await t.call('POST', api.agentPaths.register, { token: null, body })).json.error).toBe('ERR_AGENT_UNAUTHENTICATED');
    expect((await t.call('POST', api.agentPaths.register, { token: 'ritmoreg_nope', body })).json.error).toBe('ERR_AGENT_INVALID_TOKEN');
    const reg = await t.call('POST', '/api/v1/agent-tokens', { body: { name: 'old' } });
    await t.call('DELETE', `/api/v1/agent-tokens/${reg.json.id}`);
    const revoked = await t.call('POST', api.agentPaths.register, { token: reg.json.token, body });
    expect(revoked.status).toBe(401);
    expect(revoked.json.error).toBe('ERR_AGENT_INVALID_TOKEN');
    const wrong = await t.call('POST', api.agentPaths.heartbeat, { token: 'ritmoagent_unknown', body: { running: [] } });
    expect(wrong.json.error).toBe('ERR_AGENT_INVALID_TOKEN');
    // A user's API token is no agent token.
    expect((await t.call('POST', api.agentPaths.claim, { body: { requestId: 'req_12345678', slots: 1 } })).status).toBe(401);
  });

  it('says goodbye: offline, or removed when ephemeral', async () => {
    const kept = await t.register(['linux']);
    expect((await t.call('POST', api.agentPaths.offline, { token: kept.token })).status).toBe(204);
    expect((await t.store.agents.getAgent(kept.agentId)).status).toBe('offline');
    const once = await t.register(['linux'], { ephemeral: true });
    expect((await t.call('POST', api.agentPaths.offline, { token: once.token })).status).toBe(204);
    expect(await t.store.agents.findAgent(once.agentId)).toBeUndefined();
  });

  it('lists the agent API in the OpenAPI document', async () => {
    const doc = (await t.call('GET', '/api/v1/openapi.json')).json as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(Object.values(api.agentPaths)));
  });
});
