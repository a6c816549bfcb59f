import { describe, expect, it } from 'vitest';
import { createManualClock } from '@ritmo/shared';
import { STORE_KINDS, useTestStore } from '../testing/test-stores.js';
import { uniqueName } from '../testing/test-plan.js';

describe.each(STORE_KINDS)('audit repository on %s', (kind) => {
  const clock = createManualClock(1_700_000_000_000);
  const t = useTestStore(kind, { clock });

  it('records events and lists them newest first with filters and pages', async () => {
    const actor = uniqueName('user');
    const made = [];
    for (const action of ['project.create', 'secret.put', 'build.cancel', 'secret.put']) {
      clock.advance(100);
      made.push(await t.store.audit.createAuditEvent({ actor, action, targetType: 'project', targetId: 'p_1', projectId: 'p_1', details: { n: made.length } }));
    }
    expect(made[0]).toMatchObject({ actor, action: 'project.create', details: { n: 0 }, at: 1_700_000_000_100, requestId: null });

    const all = await t.store.audit.listAuditEvents({ actor });
    expect(all.items.map((e) => e.id)).toEqual(made.map((e) => e.id).reverse());
    expect((await t.store.audit.listAuditEvents({ actor, action: 'secret.put' })).items).toHaveLength(2);
    const window = await t.store.audit.listAuditEvents({ actor, since: 1_700_000_000_200, until: 1_700_000_000_400 });
    expect(window.items.map((e) => e.action)).toEqual(['build.cancel', 'secret.put']);

    const page1 = await t.store.audit.listAuditEvents({ actor }, { limit: 3 });
    const page2 = await t.store.audit.listAuditEvents({ actor }, { limit: 3, cursor: page1.nextCursor ?? '' });
    expect(page2.items.map((e) => e.id)).toEqual([made[0]?.id]);
    expect(await t.store.audit.getAuditEvent(made[1]?.id ?? '')).toEqual(made[1]);
  });

  it('drops events older than a retention limit', async () => {
    const actor = uniqueName('old');
    await t.store.audit.createAuditEvent({ actor, action: 'x', targetType: 't', at: 10 });
    await t.store.audit.createAuditEvent({ actor, action: 'y', targetType: 't', at: 20 });
    expect(await t.store.audit.deleteAuditEventsBefore(15)).toBe(1);
    expect((await t.store.audit.listAuditEvents({ actor })).items.map((e) => e.action)).toEqual(['y']);
  });
});
