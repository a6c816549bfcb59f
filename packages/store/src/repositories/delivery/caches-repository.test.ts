import { describe, expect, it } from 'vitest';
import { createManualClock } from '@ritmo/shared';
import { STORE_KINDS, useTestStore } from '../../testing/test-stores.js';
import { createTestProject } from '../../testing/test-plan.js';

describe.each(STORE_KINDS)('caches repository on %s', (kind) => {
  const clock = createManualClock(1_700_000_000_000);
  const t = useTestStore(kind, { clock });

  it('finds by exact key and by prefix (newest first) within one scope, keeps keys immutable, and orders by use', async () => {
    const project = await createTestProject(t.store);
    const put = async (scope: string, key: string, size = 10) => {
      clock.advance(1000);
      return t.store.caches.createCache({ projectId: project.id, scope, key, size, blobKey: `caches/${key.replace(/[^a-z0-9]/g, '')}` });
    };
    const old = await put('trusted:main', 'npm-linux-aaa');
    const newer = await put('trusted:main', 'npm-linux-bbb');
    await put('untrusted:main', 'npm-linux-ccc');
    await put('trusted:main', 'npm_%_like');

    expect((await t.store.caches.findCacheByKey(project.id, 'trusted:main', 'npm-linux-aaa'))?.id).toBe(old.id);
    expect(await t.store.caches.findCacheByKey(project.id, 'trusted:dev', 'npm-linux-aaa')).toBeUndefined();
    expect((await t.store.caches.findCacheByPrefix(project.id, 'trusted:main', 'npm-linux-'))?.id).toBe(newer.id);
    expect(await t.store.caches.findCacheByPrefix(project.id, 'trusted:main', 'npm_%x')).toBeUndefined();
    expect((await t.store.caches.findCacheByPrefix(project.id, 'trusted:main', 'npm_%'))?.key).toBe('npm_%_like');
    await expect(put('trusted:main', 'npm-linux-aaa')).rejects.toMatchObject({ code: 'ERR_STORE_ALREADY_EXISTS' });

    clock.advance(1000);
    await t.store.caches.touchCache(old.id);
    expect((await t.store.caches.listCaches(project.id)).items[0]?.id).toBe(old.id);
    expect((await t.store.caches.listCaches(project.id, { keyPrefix: 'npm-linux-b' })).items.map((c) => c.key)).toEqual(['npm-linux-bbb']);
    expect((await t.store.caches.listLeastRecentlyUsed(project.id, 2)).map((c) => c.id)).toEqual([newer.id, expect.any(String)]);
    expect(await t.store.caches.sumCacheBytes(project.id)).toBe(40);
    await t.store.caches.deleteCache(old.id);
    expect(await t.store.caches.findCache(old.id)).toBeUndefined();
    await expect(t.store.caches.getCache(old.id)).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
  });
});
