import { z } from 'zod';
import { DIGEST_PATTERN } from '../archive/archive-limits.js';
import { Cursor, Id, Role, Timestamp } from './common.js';

/** `sha256:<64 hex>`: the address of an artifact or cache archive. */
export const Digest = z.string().regex(DIGEST_PATTERN, 'must be sha256: followed by 64 lowercase hex digits');
export type Digest = z.infer<typeof Digest>;

/** What `artifacts: name:` may be: printable, no slashes, at most 128 characters. */
export const ArtifactName = z.string().regex(/^[^/\\\u0000-\u001f]{1,128}$/, 'must be 1-128 printable characters without slashes');
export type ArtifactName = z.infer<typeof ArtifactName>;

/** One path an artifact holds: files with their own digest, and links. */
export const ArtifactFile = z.object({
  path: z.string(),
  type: z.enum(['file', 'symlink', 'link']),
  size: z.number().int().min(0),
  /** sha256 of the file's bytes; null for links. */
  digest: Digest.nullable(),
  /** Where a link points (a symlink's target as written, a hard link's path in the artifact). */
  target: z.string().optional(),
});
export type ArtifactFile = z.infer<typeof ArtifactFile>;

export const Artifact = z.object({
  id: Id,
  projectId: Id,
  buildId: Id,
  jobId: Id.nullable(),
  name: z.string(),
  /** Bytes of the stored archive (tar.gz). */
  size: z.number().int().min(0),
  digest: Digest,
  fileCount: z.number().int().min(0),
  /** The promotion level it reached (`dev`, `staging`, `prod` ...), or null. */
  promotionLevel: z.string().nullable(),
  createdAt: Timestamp,
  /** When the sweeper removes it; null = kept until deleted. */
  expiresAt: Timestamp.nullable(),
});
export type Artifact = z.infer<typeof Artifact>;

export const ArtifactDetail = Artifact.extend({ files: z.array(ArtifactFile) });
export type ArtifactDetail = z.infer<typeof ArtifactDetail>;

export const ListArtifactsQuery = z.strictObject({
  build: Id.optional(),
  name: ArtifactName.optional(),
  digest: Digest.optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListArtifactsQuery = z.infer<typeof ListArtifactsQuery>;

/** `GET /api/v1/artifacts/{id}/file?path=dist/app.js`. */
export const ArtifactFileQuery = z.strictObject({ path: z.string().min(1).max(4096) });
export type ArtifactFileQuery = z.infer<typeof ArtifactFileQuery>;

/** A level name: lowercase letters, digits, `_` and `-`. */
export const LevelName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'must be 1-32 lowercase letters, digits, "_" or "-"');

/** The rules of one promotion level; artifacts climb the levels in order. */
export const PromotionLevel = z.strictObject({
  name: LevelName,
  /** The least project role that may promote to this level and approve such promotions. */
  role: Role.default('maintainer'),
  /** Distinct users who must approve a promotion to this level before it can happen. */
  approvals: z.number().int().min(0).max(10).default(0),
  /** Only artifacts of builds on a protected branch may reach this level. */
  protectedBranchOnly: z.boolean().default(true),
});
export type PromotionLevel = z.infer<typeof PromotionLevel>;

/** A project's delivery settings: its protected branches and its promotion levels. */
export const DeliverySettings = z.strictObject({
  /** Branch globs (`main`, `release/*`); default: the project's default branch. */
  protectedBranches: z.array(z.string().min(1).max(255)).max(100),
  promotionLevels: z.array(PromotionLevel).min(1).max(10),
});
export type DeliverySettings = z.infer<typeof DeliverySettings>;

export const PutDeliverySettingsRequest = DeliverySettings.partial();
export type PutDeliverySettingsRequest = z.infer<typeof PutDeliverySettingsRequest>;

export const Approval = z.object({ userId: Id, username: z.string(), at: Timestamp });
export type Approval = z.infer<typeof Approval>;

/** One step of an artifact up the levels: who asked, who approved, from where to where. */
export const Promotion = z.object({
  id: Id,
  artifactId: Id,
  digest: Digest,
  fromLevel: z.string().nullable(),
  toLevel: z.string(),
  /** `pending` while it collects approvals; `promoted` once it happened. */
  status: z.enum(['pending', 'promoted']),
  /** Username of who promoted (null while pending). */
  actor: z.string().nullable(),
  approvals: z.array(Approval),
  createdAt: Timestamp,
  finishedAt: Timestamp.nullable(),
});
export type Promotion = z.infer<typeof Promotion>;

/** Promote an artifact (by digest) to a level, or approve that promotion. */
export const PromoteRequest = z.strictObject({ digest: Digest, to: LevelName });
export type PromoteRequest = z.infer<typeof PromoteRequest>;

export const ListPromotionsQuery = z.strictObject({
  digest: Digest.optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListPromotionsQuery = z.infer<typeof ListPromotionsQuery>;
