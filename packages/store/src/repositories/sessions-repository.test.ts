import { describe, expect, it } from 'vitest';
import { createManualClock } from '@ritmo/shared';
import { STORE_KINDS, useTestStore } from '../testing/test-stores.js';
import { uniqueName } from '../testing/test-plan.js';

describe.each(STORE_KINDS)('sessions repository on %s', (kind) => {
  const clock = createManualClock(1_700_000_000_000);
  const t = useTestStore(kind, { clock });

  it('finds a session by token hash, touches it and expires it', async () => {
    const user = await t.store.users.createUser({ username: uniqueName('s') });
    const hash = uniqueName('hash');
    const session = await t.store.sessions.createSession({ userId: user.id, tokenHash: hash, expiresAt: clock.now() + 1000, ip: '127.0.0.1' });
    expect(await t.store.sessions.findSessionByTokenHash(hash)).toEqual(session);

    clock.advance(500);
    const touched = await t.store.sessions.updateSession(session.id, {});
    expect(touched.lastSeenAt).toBe(clock.now());

    expect(await t.store.sessions.deleteExpiredSessions(clock.now())).toBe(0);
    clock.advance(1000);
    expect(await t.store.sessions.deleteExpiredSessions(clock.now())).toBe(1);
    expect(await t.store.sessions.findSession(session.id)).toBeUndefined();
    await expect(t.store.sessions.deleteSession(session.id)).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
  });
});
