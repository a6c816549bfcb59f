import { describe, expect, it } from 'vitest';
import { createManualClock } from '@ritmo/shared';
import { STORE_KINDS, useTestStore } from '../testing/test-stores.js';
import { uniqueName } from '../testing/test-plan.js';

describe.each(STORE_KINDS)('API tokens repository on %s', (kind) => {
  const clock = createManualClock(1_700_000_000_000);
  const t = useTestStore(kind, { clock });

  it('stores a token by prefix and hash, and records use and revocation', async () => {
    const user = await t.store.users.createUser({ username: uniqueName('tok') });
    const prefix = uniqueName('rt');
    const token = await t.store.apiTokens.createApiToken({
      userId: user.id,
      name: 'ci',
      prefix,
      tokenHash: `hash-${prefix}`,
      scopes: ['builds:write'],
      expiresAt: 1_800_000_000_000,
    });

    expect(token).toMatchObject({ userId: user.id, prefix, scopes: ['builds:write'], expiresAt: 1_800_000_000_000, lastUsedAt: null, revokedAt: null });
    expect(await t.store.apiTokens.findApiTokenByPrefix(prefix)).toEqual(token);

    const used = await t.store.apiTokens.updateApiToken(token.id, { lastUsedAt: 1_700_000_000_500 });
    expect(used.lastUsedAt).toBe(1_700_000_000_500);
    const revoked = await t.store.apiTokens.updateApiToken(token.id, { revokedAt: 1_700_000_001_000 });
    expect(revoked).toMatchObject({ revokedAt: 1_700_000_001_000, lastUsedAt: 1_700_000_000_500 });

    await expect(
      t.store.apiTokens.createApiToken({ userId: user.id, name: 'again', prefix, tokenHash: 'other' }),
    ).rejects.toMatchObject({ code: 'ERR_STORE_ALREADY_EXISTS' });
    await expect(
      t.store.apiTokens.createApiToken({ userId: 'u_missing', name: 'x', prefix: uniqueName('p'), tokenHash: uniqueName('h') }),
    ).rejects.toMatchObject({ code: 'ERR_STORE_INVALID_REFERENCE' });
  });

  it("lists a user's tokens newest first, in pages, and deletes them with the user", async () => {
    const user = await t.store.users.createUser({ username: uniqueName('many') });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      clock.advance(1000);
      const prefix = uniqueName('p');
      ids.push((await t.store.apiTokens.createApiToken({ userId: user.id, name: `t${i}`, prefix, tokenHash: `h-${prefix}` })).id);
    }

    const page1 = await t.store.apiTokens.listApiTokens({ userId: user.id }, { limit: 2 });
    const page2 = await t.store.apiTokens.listApiTokens({ userId: user.id }, { limit: 2, cursor: page1.nextCursor ?? '' });
    expect([...page1.items, ...page2.items].map((x) => x.id)).toEqual([...ids].reverse());
    expect(page2.nextCursor).toBeNull();

    await t.store.users.deleteUser(user.id);
    expect((await t.store.apiTokens.listApiTokens({ userId: user.id })).items).toEqual([]);
  });
});
