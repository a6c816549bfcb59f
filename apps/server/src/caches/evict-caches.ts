import { toError } from '@ritmo/shared';
import type { ArtifactDeps } from '../artifacts/artifact-deps.js';
import { deleteCacheEntry } from './delete-cache-entry.js';

/** Deletes the project's least recently used caches until they fit its cache quota; returns how many went. */
export async function evictCaches(deps: ArtifactDeps, projectId: string): Promise<number> {
  let total = await deps.store.caches.sumCacheBytes(projectId);
  let evicted = 0;
  while (total > deps.config.cacheQuotaBytes) {
    const oldest = await deps.store.caches.listLeastRecentlyUsed(projectId, 20);
    if (oldest.length === 0) break;
    for (const cache of oldest) {
      if (total <= deps.config.cacheQuotaBytes) break;
      try {
        await deleteCacheEntry(deps, cache);
      } catch (e: unknown) {
        deps.logger.warn({ err: toError(e), cacheId: cache.id }, 'could not evict a cache');
        return evicted;
      }
      total -= cache.size;
      evicted += 1;
    }
  }
  return evicted;
}
