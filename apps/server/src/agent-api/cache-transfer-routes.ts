import { z } from 'zod';
import * as api from '@ritmo/protocol';
import type { ArtifactDeps } from '../artifacts/artifact-deps.js';
import { cacheScopes } from '../caches/cache-scopes.js';
import { findRestoreCache } from '../caches/find-restore-cache.js';
import { saveCache } from '../caches/save-cache.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import type { AgentApiDeps } from './agent-api-deps.js';
import { archiveBody, fencedTransfer } from './fenced-transfer.js';

const JobParams = z.strictObject({ id: api.Id });
const FENCED = ['ERR_AGENT_UNAUTHENTICATED', 'ERR_AGENT_INVALID_JOB_TOKEN', 'ERR_STORE_LEASE_CONFLICT', 'ERR_STORE_NOT_FOUND', 'ERR_API_VALIDATION'] as const;

/** Cache restore and save for a running job; the scopes come from the job's build, never from the agent. */
export function cacheTransferRoutes(deps: AgentApiDeps & { artifacts: ArtifactDeps }): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      path: api.transferPaths.cache,
      summary: 'Restore a cache: the exact key, else the newest match of each restore key, in the build’s scope then the default branch’s; 204 when none',
      tag: 'agent-api',
      params: JobParams,
      query: api.RestoreCacheQuery,
      response: { status: 200, contentType: 'application/gzip', description: 'The cache archive; X-Ritmo-Cache-Key names the key it was saved under. 204 when nothing matched.' },
      errors: [...FENCED],
      guard: 'public',
      handler: async ({ params, query, request, reply }) => {
        const { build, project } = await fencedTransfer(deps, request, params.id, query);
        const restoreKeys = query.restoreKeys === undefined ? [] : [query.restoreKeys].flat();
        const hit = await findRestoreCache(deps.store, project.id, cacheScopes(build, project).read, query.key, restoreKeys);
        if (!hit) return reply.code(204).send();
        const blob = await deps.artifacts.blobs.get(hit.cache.blobKey);
        reply.header(api.CACHE_KEY_HEADER, encodeURIComponent(hit.cache.key));
        reply.header('content-length', String(hit.cache.size));
        return blob;
      },
    }),
    defineRoute({
      method: 'POST',
      path: api.transferPaths.cache,
      summary: 'Save a cache under a key in the build’s own scope (a tar.gz body, its sha256 in ?digest=); an existing key is kept',
      tag: 'agent-api',
      params: JobParams,
      query: api.SaveCacheQuery,
      response: { status: 200, schema: api.SavedCache },
      errors: [...FENCED, 'ERR_ARTIFACT_DIGEST_MISMATCH', 'ERR_ARTIFACT_UNSAFE_ENTRY', 'ERR_ARTIFACT_ARCHIVE_INVALID', 'ERR_ARTIFACT_TOO_LARGE', 'ERR_ARTIFACT_TOO_MANY_ENTRIES', 'ERR_API_UNSUPPORTED_MEDIA_TYPE'],
      guard: 'public',
      handler: async ({ params, query, request, reply }) => {
        const body = archiveBody(request, reply);
        const { build, project } = await fencedTransfer(deps, request, params.id, query);
        return (await saveCache(deps.artifacts, { build, project, key: query.key, digest: query.digest, body, signal: deps.shutdown })) satisfies api.SavedCache;
      },
    }),
  ];
}
