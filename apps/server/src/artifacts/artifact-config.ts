import { z } from 'zod';
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from '@ritmo/protocol';
import { durationField } from '../env-fields.js';

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3, t: 1024 ** 4, tb: 1024 ** 4, tib: 1024 ** 4 };

/** `1048576`, `512MiB`, `10GB` (binary units either way). */
const bytes = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return fallback;
      const m = /^(\d+)\s*([a-z]*)$/i.exec(text.trim());
      const unit = UNITS[(m?.[2] ?? '').toLowerCase()];
      if (!m || unit === undefined || Number(m[1]) <= 0) {
        ctx.addIssue({ code: 'custom', message: `"${text}" is not a size such as 1048576, 512MiB or 10GiB` });
        return z.NEVER;
      }
      return Number(m[1]) * unit;
    });

/** The RITMO_* variables of artifacts, caches and the blob store. */
export const ArtifactEnv = z.object({
  RITMO_BLOB_STORE: z.enum(['fs', 's3']).default('fs'),
  RITMO_S3_BUCKET: z.string().min(1).optional(),
  RITMO_S3_ENDPOINT: z.url().optional(),
  RITMO_S3_REGION: z.string().min(1).default('us-east-1'),
  RITMO_S3_PREFIX: z.string().regex(/^([A-Za-z0-9_-]+\/)*$/, 'must be empty or path segments ending in "/"').default(''),
  RITMO_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  RITMO_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  RITMO_S3_FORCE_PATH_STYLE: z.enum(['1', '0', 'true', 'false']).optional(),
  /** How long artifacts are kept when their job sets no `expire-in`. */
  RITMO_ARTIFACT_RETENTION: durationField('30d'),
  RITMO_ARTIFACT_QUOTA: bytes(10 * 1024 ** 3),
  RITMO_CACHE_QUOTA: bytes(10 * 1024 ** 3),
  RITMO_ARTIFACT_MAX_BYTES: bytes(DEFAULT_ARCHIVE_LIMITS.maxCompressedBytes),
  RITMO_ARTIFACT_MAX_ENTRIES: z.coerce.number().int().min(1).max(10_000_000).default(DEFAULT_ARCHIVE_LIMITS.maxEntries),
  /** How often expired artifacts are swept and wait timers of deployments checked. */
  RITMO_DELIVERY_SWEEP_INTERVAL: durationField('30s'),
});

export interface ArtifactConfig {
  blobStore:
    | { kind: 'fs' }
    | { kind: 's3'; bucket: string | undefined; endpoint: string | undefined; region: string; prefix: string; accessKeyId: string | undefined; secretAccessKey: string | undefined; forcePathStyle: boolean };
  retentionMs: number;
  artifactQuotaBytes: number;
  cacheQuotaBytes: number;
  limits: ArchiveLimits;
  sweepIntervalMs: number;
}

/** Issues are reported by the caller's config loader, with the variable names. */
export function toArtifactConfig(e: z.infer<typeof ArtifactEnv>): ArtifactConfig {
  const maxCompressed = e.RITMO_ARTIFACT_MAX_BYTES;
  return {
    blobStore:
      e.RITMO_BLOB_STORE === 'fs'
        ? { kind: 'fs' }
        : {
            kind: 's3',
            bucket: e.RITMO_S3_BUCKET,
            endpoint: e.RITMO_S3_ENDPOINT,
            region: e.RITMO_S3_REGION,
            prefix: e.RITMO_S3_PREFIX,
            accessKeyId: e.RITMO_S3_ACCESS_KEY_ID,
            secretAccessKey: e.RITMO_S3_SECRET_ACCESS_KEY,
            forcePathStyle: e.RITMO_S3_FORCE_PATH_STYLE === undefined ? e.RITMO_S3_ENDPOINT !== undefined : e.RITMO_S3_FORCE_PATH_STYLE === '1' || e.RITMO_S3_FORCE_PATH_STYLE === 'true',
          },
    retentionMs: e.RITMO_ARTIFACT_RETENTION,
    artifactQuotaBytes: e.RITMO_ARTIFACT_QUOTA,
    cacheQuotaBytes: e.RITMO_CACHE_QUOTA,
    limits: { ...DEFAULT_ARCHIVE_LIMITS, maxCompressedBytes: maxCompressed, maxBytes: Math.max(DEFAULT_ARCHIVE_LIMITS.maxBytes, maxCompressed * 2), maxEntries: e.RITMO_ARTIFACT_MAX_ENTRIES },
    sweepIntervalMs: e.RITMO_DELIVERY_SWEEP_INTERVAL,
  };
}
