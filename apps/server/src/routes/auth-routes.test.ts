import { describe, expect, it } from 'vitest';
import * as api from '@ritmo/protocol';
import { createManualClock } from '@ritmo/shared';
import { STORE_KINDS } from '@ritmo/store/testing';
import { useTestServer } from '../testing/test-server.js';

describe.each(STORE_KINDS)('sign-in, sessions and API tokens (%s)', (kind) => {
  const clock = createManualClock(Date.parse('2025-03-01T00:00:00Z'));
  const t = useTestServer(kind, { clock, env: { RITMO_LOGIN_RATE_LIMIT: '5', RITMO_SESSION_TTL: '1h' } });
  const login = (password: string, ip = '10.0.0.1') =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password }, remoteAddress: ip });

  it('signs in with a password, sets a session cookie, and signs out', async () => {
    const res = await login('admin-password');
    expect(res.statusCode).toBe(200);
    expect(api.User.parse(res.json())).toMatchObject({ username: 'admin', admin: true });
    const cookie = res.cookies.find((c) => c.name === 'ritmo_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const headers = { cookie: `ritmo_session=${cookie?.value}` };

    const me = await t.call('GET', '/api/v1/me', { token: null, headers });
    expect(api.Me.parse(me.json).username).toBe('admin');
    expect((await t.call('POST', '/api/v1/auth/logout', { token: null, headers })).status).toBe(204);
    const after = await t.call('GET', '/api/v1/me', { token: null, headers });
    expect(after.json.error).toBe('ERR_AUTH_UNAUTHENTICATED');
  });

  it('expires sessions', async () => {
    const cookie = (await login('admin-password', '10.0.0.2')).cookies.find((c) => c.name === 'ritmo_session');
    clock.advance(2 * 3_600_000);
    const res = await t.call('GET', '/api/v1/me', { token: null, headers: { cookie: `ritmo_session=${cookie?.value}` } });
    expect(res.status).toBe(401);
    expect(res.json.error).toBe('ERR_AUTH_TOKEN_EXPIRED');
  });

  it('rejects wrong passwords and unknown users alike, and rate-limits sign-in per client', async () => {
    const wrong = await login('nope', '10.0.0.3');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toBe('ERR_AUTH_INVALID_CREDENTIALS');
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'ghost', password: 'x' }, remoteAddress: '10.0.0.3' });
    expect(unknown.json().error).toBe('ERR_AUTH_INVALID_CREDENTIALS');
    const rest = [];
    for (let i = 0; i < 4; i++) rest.push(await login('nope', '10.0.0.3'));
    const limited = rest.at(-1);
    expect(limited?.statusCode).toBe(429);
    expect(limited?.json().error).toBe('ERR_AUTH_LOGIN_RATE_LIMITED');
    expect(limited?.headers['retry-after']).toBeDefined();
    expect((await login('admin-password', '10.0.0.4')).statusCode).toBe(200);
  });

  it('creates prefixed tokens shown once, stores them hashed, expires and revokes them', async () => {
    const created = await t.call('POST', '/api/v1/tokens', { body: { name: 'ci', expiresIn: '1h' } });
    expect(created.status).toBe(201);
    const token = api.CreatedApiToken.parse(created.json);
    expect(token.token).toMatch(/^ritmo_[A-Za-z0-9]{40}$/);
    expect(token.token.startsWith(token.prefix)).toBe(true);
    const stored = await t.store.apiTokens.getApiToken(token.id);
    expect(stored.tokenHash).not.toContain(token.token.slice(14));

    expect((await t.call('GET', '/api/v1/me', { token: token.token })).status).toBe(200);
    const listed = await t.call('GET', '/api/v1/tokens');
    expect(JSON.stringify(listed.json)).not.toContain(token.token);

    clock.advance(3_600_001);
    expect((await t.call('GET', '/api/v1/me', { token: token.token })).json.error).toBe('ERR_AUTH_TOKEN_EXPIRED');

    const other = api.CreatedApiToken.parse((await t.call('POST', '/api/v1/tokens', { body: { name: 'temp' } })).json);
    expect((await t.call('DELETE', `/api/v1/tokens/${other.id}`)).status).toBe(204);
    expect((await t.call('GET', '/api/v1/me', { token: other.token })).json.error).toBe('ERR_AUTH_INVALID_TOKEN');
  });

  it('lets users manage only their own tokens', async () => {
    const bob = await t.createUser('bob');
    const mine = api.CreatedApiToken.parse((await t.call('POST', '/api/v1/tokens', { body: { name: 'admin-only' } })).json);
    const denied = await t.call('DELETE', `/api/v1/tokens/${mine.id}`, { token: bob.token });
    expect(denied.json.error).toBe('ERR_AUTH_FORBIDDEN');
    expect((await t.call('GET', '/api/v1/me', { token: mine.token })).status).toBe(200);
  });

  it('records state-changing actions in the audit log', async () => {
    const res = await t.call('GET', '/api/v1/audit?action=token.create');
    const events = api.Page(api.AuditEvent).parse(res.json).items;
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events[0]).toMatchObject({ action: 'token.create', resourceType: 'token', requestId: expect.stringMatching(/^r_/) });
    const denied = await t.call('GET', '/api/v1/audit', { token: (await t.createUser('carl')).token });
    expect(denied.json.error).toBe('ERR_AUTH_FORBIDDEN');
  });
});
