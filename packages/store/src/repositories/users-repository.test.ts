import { describe, expect, it } from 'vitest';
import { STORE_KINDS, useTestStore } from '../testing/test-stores.js';
import { uniqueName } from '../testing/test-plan.js';

describe.each(STORE_KINDS)('users repository on %s', (kind) => {
  const t = useTestStore(kind);

  it('creates, reads, updates and deletes a user', async () => {
    const { users } = t.store;
    const username = uniqueName('ada');
    const created = await users.createUser({ username, displayName: 'Ada', passwordHash: 'h1', isAdmin: true });

    expect(created).toMatchObject({ username, displayName: 'Ada', passwordHash: 'h1', isAdmin: true, disabled: false, email: null });
    expect(typeof created.createdAt).toBe('number');
    expect(await users.getUser(created.id)).toEqual(created);
    expect(await users.findUserByUsername(username)).toEqual(created);

    const updated = await users.updateUser(created.id, { disabled: true, email: 'ada@example.com' });
    expect(updated).toMatchObject({ disabled: true, email: 'ada@example.com', isAdmin: true, displayName: 'Ada' });

    await users.deleteUser(created.id);
    expect(await users.findUser(created.id)).toBeUndefined();
    await expect(users.getUser(created.id)).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND', status: 404 });
    await expect(users.deleteUser(created.id)).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
    await expect(users.updateUser(created.id, { disabled: false })).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
  });

  it('rejects a second user with the same username', async () => {
    const username = uniqueName('dup');
    await t.store.users.createUser({ username });
    await expect(t.store.users.createUser({ username })).rejects.toMatchObject({
      code: 'ERR_STORE_ALREADY_EXISTS',
      status: 409,
      details: { entity: 'user', username },
    });
  });

  it('lists users by username in pages, filtered by prefix', async () => {
    const prefix = uniqueName('page');
    const names = ['e', 'a', 'd', 'b', 'c'].map((s) => `${prefix}-${s}`);
    for (const username of names) await t.store.users.createUser({ username });

    const first = await t.store.users.listUsers({ usernamePrefix: prefix }, { limit: 2 });
    expect(first.items.map((u) => u.username)).toEqual([`${prefix}-a`, `${prefix}-b`]);
    expect(first.nextCursor).not.toBeNull();
    const second = await t.store.users.listUsers({ usernamePrefix: prefix }, { limit: 2, cursor: first.nextCursor ?? '' });
    expect(second.items.map((u) => u.username)).toEqual([`${prefix}-c`, `${prefix}-d`]);
    const third = await t.store.users.listUsers({ usernamePrefix: prefix }, { limit: 2, cursor: second.nextCursor ?? '' });
    expect(third.items.map((u) => u.username)).toEqual([`${prefix}-e`]);
    expect(third.nextCursor).toBeNull();
    expect(await t.store.users.countUsers()).toBeGreaterThanOrEqual(5);
  });

  it('rejects a tampered cursor', async () => {
    const prefix = uniqueName('tamper');
    for (const s of ['a', 'b', 'c']) await t.store.users.createUser({ username: `${prefix}-${s}` });
    const { nextCursor } = await t.store.users.listUsers({ usernamePrefix: prefix }, { limit: 1 });
    const cursor = nextCursor ?? '';
    const flipped = cursor.slice(0, 12) + (cursor[12] === 'A' ? 'B' : 'A') + cursor.slice(13);

    await expect(t.store.users.listUsers({}, { cursor: flipped })).rejects.toMatchObject({ code: 'ERR_STORE_INVALID_CURSOR', status: 400 });
    await expect(t.store.users.listUsers({}, { cursor: 'not a cursor!' })).rejects.toMatchObject({ code: 'ERR_STORE_INVALID_CURSOR' });
    await expect(t.store.projects.listProjects({}, { cursor })).rejects.toMatchObject({ code: 'ERR_STORE_INVALID_CURSOR' });
  });
});
