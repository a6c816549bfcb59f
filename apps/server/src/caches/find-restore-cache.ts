import type { CacheEntry, Store } from '@ritmo/store';

/**
 * GitHub Actions' lookup: in each scope in order, the exact key, then each restore key as a prefix
 * (the newest match); the first hit wins. A hit counts as a use (for LRU eviction).
 */
export async function findRestoreCache(
  store: Pick<Store, 'caches'>,
  projectId: string,
  scopes: readonly string[],
  key: string,
  restoreKeys: readonly string[],
): Promise<{ cache: CacheEntry; exact: boolean } | undefined> {
  for (const scope of scopes) {
    const exact = await store.caches.findCacheByKey(projectId, scope, key);
    if (exact) {
      await store.caches.touchCache(exact.id);
      return { cache: exact, exact: true };
    }
    for (const prefix of restoreKeys) {
      const partial = await store.caches.findCacheByPrefix(projectId, scope, prefix);
      if (partial) {
        await store.caches.touchCache(partial.id);
        return { cache: partial, exact: false };
      }
    }
  }
  return undefined;
}
