import { isRitmoError, toError } from '@ritmo/shared';
import type { CacheEntry } from '@ritmo/store';
import type { ArtifactDeps } from '../artifacts/artifact-deps.js';

/** Removes a cache's record, then its blob. */
export async function deleteCacheEntry(deps: Pick<ArtifactDeps, 'store' | 'blobs' | 'logger'>, cache: CacheEntry): Promise<void> {
  await deps.store.caches.deleteCache(cache.id).catch((e: unknown) => {
    if (!isRitmoError(e, 'ERR_STORE_NOT_FOUND')) throw toError(e);
  });
  await deps.blobs.delete(cache.blobKey).catch((e: unknown) => deps.logger.warn({ err: toError(e), blobKey: cache.blobKey }, 'could not delete a cache blob'));
}
