import { describe, expect, it } from 'vitest';
import * as api from '@ritmo/protocol';
import { STORE_KINDS } from '@ritmo/store/testing';
import { useTestServer } from '../testing/test-server.js';

describe.each(STORE_KINDS)('users (%s)', (kind) => {
  const t = useTestServer(kind);

  it('lets admins create, list, change and delete users, and users edit themselves', async () => {
    const created = await t.call('POST', '/api/v1/users', { body: { username: 'erin', password: 'correct horse', email: 'erin@example.com' } });
    expect(created.status).toBe(201);
    const erin = api.User.parse(created.json);
    expect(erin).toMatchObject({ username: 'erin', admin: false, disabled: false });
    expect((await t.call('POST', '/api/v1/users', { body: { username: 'erin', password: 'another one' } })).json.error).toBe('ERR_API_USER_EXISTS');
    expect(JSON.stringify(await t.store.users.getUser(erin.id))).toContain('$argon2id$');

    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'erin', password: 'correct horse' } });
    const cookie = `ritmo_session=${login.cookies.find((c) => c.name === 'ritmo_session')?.value}`;
    const self = await t.call('PATCH', '/api/v1/users/erin', { token: null, headers: { cookie }, body: { displayName: 'Erin E.' } });
    expect(self.json.displayName).toBe('Erin E.');
    const promote = await t.call('PATCH', '/api/v1/users/erin', { token: null, headers: { cookie }, body: { admin: true } });
    expect(promote.json.error).toBe('ERR_AUTH_FORBIDDEN');
    expect((await t.call('GET', '/api/v1/users/admin', { token: null, headers: { cookie } })).json.error).toBe('ERR_AUTH_FORBIDDEN');

    const users = api.Page(api.User).parse((await t.call('GET', '/api/v1/users')).json);
    expect(users.items.map((u) => u.username)).toEqual(expect.arrayContaining(['admin', 'erin']));
    expect((await t.call('PATCH', '/api/v1/users/erin', { body: { disabled: true } })).json.disabled).toBe(true);
    expect((await t.call('GET', '/api/v1/me', { token: null, headers: { cookie } })).status).toBe(401);
    expect((await t.call('DELETE', '/api/v1/users/erin')).status).toBe(204);
    expect((await t.call('GET', '/api/v1/users/erin')).json.error).toBe('ERR_API_USER_NOT_FOUND');
  });

  it('keeps at least one enabled administrator', async () => {
    const res = await t.call('PATCH', '/api/v1/users/admin', { body: { admin: false } });
    expect(res.status).toBe(409);
    expect(res.json.error).toBe('ERR_API_LAST_ADMIN');
    expect((await t.call('DELETE', '/api/v1/users/admin')).json.error).toBe('ERR_API_LAST_ADMIN');
  });
});
