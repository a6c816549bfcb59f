import { describe, expect, it } from 'vitest';
import { createManualClock } from '@ritmo/shared';
import { STORE_KINDS, useTestStore } from '../testing/test-stores.js';
import { uniqueName } from '../testing/test-plan.js';

describe.each(STORE_KINDS)('agents repository on %s', (kind) => {
  const clock = createManualClock(1_700_000_000_000);
  const t = useTestStore(kind, { clock });

  it('registers an agent with a registration token and finds it by its token hash', async () => {
    const token = await t.store.registrationTokens.createRegistrationToken({ name: 'pool', tokenHash: uniqueName('rt'), labels: ['gpu'] });
    expect(token).toMatchObject({ uses: 0, labels: ['gpu'], revokedAt: null });
    const hash = uniqueName('agent');
    const agent = await t.store.agents.createAgent({
      name: 'builder-1',
      labels: ['linux', 'gpu', 'x64', 'linux'],
      capacity: 2,
      version: '0.1.0',
      tokenHash: hash,
      registrationTokenId: token.id,
    });
    await t.store.registrationTokens.recordRegistrationTokenUse(token.id);

    expect(agent).toMatchObject({ labels: ['gpu', 'linux', 'x64'], capacity: 2, status: 'online', draining: false, ephemeral: false, lastSeenAt: clock.now() });
    expect(await t.store.agents.findAgentByTokenHash(hash)).toEqual(agent);
    expect((await t.store.registrationTokens.getRegistrationToken(token.id)).uses).toBe(1);
    expect(await t.store.registrationTokens.findRegistrationTokenByHash(token.tokenHash)).toMatchObject({ id: token.id });
  });

  it('drains, marks offline, lists by status and deletes agents', async () => {
    const a = await t.store.agents.createAgent({ name: 'a', labels: [], capacity: 1, tokenHash: uniqueName('a') });
    clock.advance(1);
    const b = await t.store.agents.createAgent({ name: 'b', labels: [], capacity: 1, tokenHash: uniqueName('b') });

    expect(await t.store.agents.updateAgent(a.id, { draining: true })).toMatchObject({ draining: true, status: 'online' });
    await t.store.agents.updateAgent(b.id, { status: 'offline', lastSeenAt: 5 });

    const offline = await t.store.agents.listAgents({ status: 'offline' });
    expect(offline.items.map((x) => x.id)).toContain(b.id);
    expect(offline.items.map((x) => x.id)).not.toContain(a.id);

    await t.store.agents.deleteAgent(a.id);
    await expect(t.store.agents.getAgent(a.id)).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
    await expect(t.store.agents.updateAgent(a.id, { draining: false })).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
  });

  it('revokes and deletes registration tokens, keeping the agents they registered', async () => {
    const token = await t.store.registrationTokens.createRegistrationToken({ name: 'once', tokenHash: uniqueName('rt') });
    const agent = await t.store.agents.createAgent({ name: 'x', labels: [], capacity: 1, tokenHash: uniqueName('x'), registrationTokenId: token.id });

    expect((await t.store.registrationTokens.updateRegistrationToken(token.id, { revokedAt: 7 })).revokedAt).toBe(7);
    const listed = await t.store.registrationTokens.listRegistrationTokens();
    expect(listed.items.map((x) => x.id)).toContain(token.id);

    await t.store.registrationTokens.deleteRegistrationToken(token.id);
    expect((await t.store.agents.getAgent(agent.id)).registrationTokenId).toBeNull();
    await expect(t.store.registrationTokens.deleteRegistrationToken(token.id)).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
  });
});
