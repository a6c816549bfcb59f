import { describe, expect, it } from 'vitest';
import { STORE_KINDS, useTestStore } from '../testing/test-stores.js';
import { createTestProject, testPlan } from '../testing/test-plan.js';

describe.each(STORE_KINDS)('webhook deliveries repository on %s', (kind) => {
  const t = useTestStore(kind);

  it('records a delivery with its body and links the build it created', async () => {
    const project = await createTestProject(t.store);
    const body = Buffer.from('{"ref":"refs/heads/main"}');
    const delivery = await t.store.webhookDeliveries.createWebhookDelivery({
      projectId: project.id,
      provider: 'github',
      deliveryId: 'd-1',
      verified: true,
      event: 'push',
      headers: { 'x-github-event': 'push' },
      body,
      status: 'received',
      httpStatus: 202,
    });
    const build = await t.store.builds.createBuild({ projectId: project.id, event: 'push', trusted: true, plan: testPlan([]) });
    const done = await t.store.webhookDeliveries.updateWebhookDelivery(delivery.id, { status: 'accepted', buildId: build.id, result: 'build #1' });

    expect(done).toMatchObject({ status: 'accepted', buildId: build.id, verified: true, headers: { 'x-github-event': 'push' } });
    expect(Buffer.compare(done.body ?? Buffer.alloc(0), body)).toBe(0);
    expect(await t.store.webhookDeliveries.findVerifiedDelivery(project.id, 'github', 'd-1')).toMatchObject({ id: delivery.id });
    await t.store.builds.deleteBuild(build.id);
    expect((await t.store.webhookDeliveries.getWebhookDelivery(delivery.id)).buildId).toBeNull();
  });

  it('refuses a replayed verified delivery id, but records unverified ones with any id', async () => {
    const project = await createTestProject(t.store);
    const base = { projectId: project.id, provider: 'gitlab', deliveryId: 'uuid-1', status: 'rejected', httpStatus: 401 } as const;
    // A forged request naming the id first must not block the real delivery.
    await t.store.webhookDeliveries.createWebhookDelivery({ ...base, verified: false });
    await t.store.webhookDeliveries.createWebhookDelivery({ ...base, verified: true, status: 'accepted', httpStatus: 202 });
    await expect(
      t.store.webhookDeliveries.createWebhookDelivery({ ...base, verified: true, status: 'accepted', httpStatus: 202 }),
    ).rejects.toMatchObject({ code: 'ERR_STORE_ALREADY_EXISTS' });
    await t.store.webhookDeliveries.createWebhookDelivery({ ...base, verified: false, status: 'duplicate', httpStatus: 200 });
    await t.store.webhookDeliveries.createWebhookDelivery({ ...base, provider: 'github', verified: true, status: 'accepted', httpStatus: 202 });

    const listed = await t.store.webhookDeliveries.listWebhookDeliveries({ projectId: project.id, provider: 'gitlab' });
    expect(listed.items.map((d) => d.status).sort()).toEqual(['accepted', 'duplicate', 'rejected']);
    expect(listed.items[0]).not.toHaveProperty('body');
    expect((await t.store.webhookDeliveries.listWebhookDeliveries({ projectId: project.id, status: 'accepted' })).items).toHaveLength(2);
  });

  it('pages through deliveries newest first', async () => {
    const project = await createTestProject(t.store);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const d = await t.store.webhookDeliveries.createWebhookDelivery({ projectId: project.id, provider: 'generic', verified: false, status: 'ignored', httpStatus: 200 });
      ids.push(d.id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await t.store.webhookDeliveries.listWebhookDeliveries({ projectId: project.id }, { limit: 2, cursor });
      seen.push(...page.items.map((d) => d.id));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(seen.sort()).toEqual([...ids].sort());
    await t.store.webhookDeliveries.deleteWebhookDelivery(ids[0] ?? '');
    await expect(t.store.webhookDeliveries.getWebhookDelivery(ids[0] ?? '')).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
  });
});
