import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { isRitmoError, newId } from '@ritmo/shared';
import type { Build, Project } from '@ritmo/store';
import type { ArtifactDeps } from '../artifacts/artifact-deps.js';
import { receiveArchive } from '../artifacts/receive-archive.js';
import { cacheScopes } from './cache-scopes.js';
import { evictCaches } from './evict-caches.js';

export interface CacheSave {
  build: Build;
  project: Project;
  key: string;
  digest: string;
  body: Readable;
  signal?: AbortSignal;
}

/**
 * Saves a cache in the build's own scope (decided here, from the build, never by the agent). Caches
 * are immutable: when the scope already has the key nothing is written. The archive gets the same
 * checks as an artifact; then the project's oldest caches are evicted past its quota.
 */
export async function saveCache(deps: ArtifactDeps, save: CacheSave): Promise<{ saved: boolean; scope: string; reason: string | null }> {
  const { store } = deps;
  const scope = cacheScopes(save.build, save.project).write;
  const exists = { saved: false, scope, reason: 'exists' };
  if (await store.caches.findCacheByKey(save.project.id, scope, save.key)) {
    save.body.resume();
    return exists;
  }
  const received = await receiveArchive({ body: save.body, tmpDir: deps.tmpDir, limits: deps.config.limits, digest: save.digest, ...(save.signal ? { signal: save.signal } : {}) });
  const id = newId('c_', deps.clock.now());
  const blobKey = `caches/${save.project.id}/${id}`;
  try {
    await deps.blobs.putFile(blobKey, received.path, received.size, save.signal);
  } finally {
    await rm(received.path, { force: true });
  }
  try {
    await store.caches.createCache({ id, projectId: save.project.id, scope, key: save.key, size: received.size, blobKey });
  } catch (e: unknown) {
    await deps.blobs.delete(blobKey).catch(() => undefined);
    if (isRitmoError(e, 'ERR_STORE_ALREADY_EXISTS')) return exists;
    throw e;
  }
  await evictCaches(deps, save.project.id);
  return { saved: true, scope, reason: null };
}
