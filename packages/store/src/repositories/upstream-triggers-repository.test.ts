import { describe, expect, it } from 'vitest';
import { STORE_KINDS, useTestStore } from '../testing/test-stores.js';
import { createTestProject } from '../testing/test-plan.js';

describe.each(STORE_KINDS)('upstream triggers repository on %s', (kind) => {
  const t = useTestStore(kind);

  it('links projects both ways, replaces a link in place, and drops links with their projects', async () => {
    const a = await createTestProject(t.store, 'a');
    const b = await createTestProject(t.store, 'b');
    const c = await createTestProject(t.store, 'c');
    await t.store.upstreamTriggers.putUpstreamTrigger({ projectId: b.id, upstreamProjectId: a.id, statuses: ['success'], branches: null });
    await t.store.upstreamTriggers.putUpstreamTrigger({ projectId: c.id, upstreamProjectId: a.id, statuses: ['success'], branches: ['main'] });
    const replaced = await t.store.upstreamTriggers.putUpstreamTrigger({ projectId: b.id, upstreamProjectId: a.id, statuses: ['success', 'failure'], branches: ['release/*'] });
    expect(replaced).toMatchObject({ statuses: ['success', 'failure'], branches: ['release/*'] });
    expect((await t.store.upstreamTriggers.listDownstreamTriggers(a.id)).map((l) => l.projectId).sort()).toEqual([b.id, c.id].sort());
    expect(await t.store.upstreamTriggers.listUpstreamTriggers(b.id)).toHaveLength(1);
    await t.store.projects.deleteProject(c.id);
    expect((await t.store.upstreamTriggers.listDownstreamTriggers(a.id)).map((l) => l.projectId)).toEqual([b.id]);
    await t.store.upstreamTriggers.deleteUpstreamTrigger(b.id, a.id);
    await expect(t.store.upstreamTriggers.deleteUpstreamTrigger(b.id, a.id)).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
  });
});
