import { z } from 'zod';
import { ArtifactName, Digest } from '../api/artifacts.js';
import { CacheKey } from '../api/caches.js';
import { Id } from '../api/common.js';
import { AGENT_API } from './agent-paths.js';

/**
 * Artifact and cache transfers (job token, fenced by the lease like every job-scoped write). Archives
 * travel as `application/gzip` bodies (tar.gz); the lease goes in the query because the body is the archive.
 */
export const transferPaths = {
  /** POST (JSON lease fields): the artifacts of the jobs this job needs. */
  neededArtifacts: `${AGENT_API}/jobs/{id}/artifacts/needed`,
  /** GET: one of those artifacts' archives. */
  artifact: `${AGENT_API}/jobs/{id}/artifacts/{artifactId}`,
  /** POST (tar.gz body): an artifact the job declares. */
  uploadArtifact: `${AGENT_API}/jobs/{id}/artifacts`,
  /** GET: the best cache for a key and restore keys (204 when none); POST (tar.gz body): save one. */
  cache: `${AGENT_API}/jobs/{id}/cache`,
} as const;

/** Headers of a restored cache. */
export const CACHE_KEY_HEADER = 'x-ritmo-cache-key';
export const DIGEST_HEADER = 'x-ritmo-digest';

export const TransferQuery = z.strictObject({
  attempt: z.coerce.number().int().min(1),
  leaseToken: z.string().min(1).max(200),
});
export type TransferQuery = z.infer<typeof TransferQuery>;

export const UploadArtifactQuery = TransferQuery.extend({ name: ArtifactName, digest: Digest });
export type UploadArtifactQuery = z.infer<typeof UploadArtifactQuery>;

export const NeededArtifact = z.object({
  id: Id,
  name: z.string(),
  digest: Digest,
  size: z.number().int().min(0),
  /** The plan id of the job that made it. */
  job: z.string(),
});
export type NeededArtifact = z.infer<typeof NeededArtifact>;

export const NeededArtifacts = z.object({ artifacts: z.array(NeededArtifact) });
export type NeededArtifacts = z.infer<typeof NeededArtifacts>;

export const UploadedArtifact = z.object({ id: Id, name: z.string(), digest: Digest, size: z.number().int(), fileCount: z.number().int() });
export type UploadedArtifact = z.infer<typeof UploadedArtifact>;

export const RestoreCacheQuery = TransferQuery.extend({
  key: CacheKey,
  /** Repeat the parameter for several; tried in order, as prefixes. */
  restoreKeys: z.union([CacheKey, z.array(CacheKey).max(20)]).optional(),
});
export type RestoreCacheQuery = z.infer<typeof RestoreCacheQuery>;

export const SaveCacheQuery = TransferQuery.extend({ key: CacheKey, digest: Digest });
export type SaveCacheQuery = z.infer<typeof SaveCacheQuery>;

export const SavedCache = z.object({
  saved: z.boolean(),
  scope: z.string(),
  /** Why nothing was saved (`exists`: caches are immutable). */
  reason: z.string().nullable(),
});
export type SavedCache = z.infer<typeof SavedCache>;
