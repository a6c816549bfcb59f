import { describe, expect, it } from 'vitest';
import * as api from '@ritmo/protocol';
import { STORE_KINDS } from '@ritmo/store/testing';
import { hashToken } from '../auth/tokens.js';
import { useTestServer } from '../testing/test-server.js';

describe.each(STORE_KINDS)('agents and registration tokens (%s)', (kind) => {
  const t = useTestServer(kind);

  it('creates registration tokens shown once, lists and revokes them (admins only)', async () => {
    const created = await t.call('POST', '/api/v1/agent-tokens', { body: { name: 'pool', labels: ['linux'], expiresIn: '1d' } });
    expect(created.status).toBe(201);
    const token = api.CreatedAgentToken.parse(created.json);
    expect(token.token).toMatch(/^ritmoreg_/);
    expect((await t.store.registrationTokens.getRegistrationToken(token.id)).tokenHash).toBe(hashToken(token.token));
    const list = await t.call('GET', '/api/v1/agent-tokens');
    expect(JSON.stringify(list.json)).not.toContain(token.token);
    expect((await t.call('DELETE', `/api/v1/agent-tokens/${token.id}`)).status).toBe(204);
    expect((await t.store.registrationTokens.getRegistrationToken(token.id)).revokedAt).not.toBeNull();

    const user = await t.createUser('plain');
    expect((await t.call('POST', '/api/v1/agent-tokens', { token: user.token, body: { name: 'x' } })).json.error).toBe('ERR_AUTH_FORBIDDEN');
  });

  it('lists, gets, drains and deletes agents; a busy agent cannot be deleted', async () => {
    const agent = await t.store.agents.createAgent({ name: 'box-1', labels: ['linux', 'x64'], capacity: 2, tokenHash: hashToken('agent-secret') });
    const listed = api.Page(api.Agent).parse((await t.call('GET', '/api/v1/agents')).json);
    expect(listed.items.map((a) => a.name)).toContain('box-1');
    expect((await t.call('GET', `/api/v1/agents/${agent.id}`)).json).toMatchObject({ name: 'box-1', draining: false, runningJobs: [] });
    expect((await t.call('GET', '/api/v1/agents/a_missing')).json.error).toBe('ERR_API_AGENT_NOT_FOUND');

    const viewer = await t.createUser('watcher');
    expect((await t.call('GET', '/api/v1/agents', { token: viewer.token })).status).toBe(200);
    expect((await t.call('POST', `/api/v1/agents/${agent.id}/drain`, { token: viewer.token })).json.error).toBe('ERR_AUTH_FORBIDDEN');
    expect((await t.call('POST', `/api/v1/agents/${agent.id}/drain`)).json.draining).toBe(true);

    await t.call('POST', '/api/v1/projects', { body: { name: 'agents', pipeline: 'jobs:\n  a:\n    steps:\n      - run: "true"\n' } });
    const build = await t.call('POST', '/api/v1/projects/agents/builds', { body: {} });
    await t.app.ritmo.orchestrator.startJob(build.json.jobs[0].id, agent.id);
    const busy = await t.call('DELETE', `/api/v1/agents/${agent.id}`);
    expect(busy.status).toBe(409);
    expect(busy.json.error).toBe('ERR_API_AGENT_BUSY');
    await t.app.ritmo.orchestrator.finishJob(build.json.jobs[0].id, { attempt: 1, status: 'success', exitCode: 0 });
    expect((await t.call('DELETE', `/api/v1/agents/${agent.id}`)).status).toBe(204);
  });
});
