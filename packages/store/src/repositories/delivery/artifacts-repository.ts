import { sql, type Selectable } from 'kysely';
import { newId } from '@ritmo/shared';
import { fetchPage, type Keyset, type Page, type PageRequest } from '../../pagination/page.js';
import type { ArtifactsTable } from '../../schema/delivery-tables.js';
import { withDbErrors } from '../db-errors.js';
import { fromJson, toJson } from '../json-columns.js';
import { notFound, required } from '../not-found.js';
import type { RepoContext } from '../repo-context.js';

/** One path of an artifact's archive. */
export interface ArtifactFileEntry {
  path: string;
  type: 'file' | 'symlink' | 'link';
  size: number;
  /** `sha256:<hex>` of a file's bytes; null for links. */
  digest: string | null;
  /** Where a link points: a symlink's target as written, a hard link's root-relative path. */
  target?: string;
}

/** An immutable file set a job produced, addressed by the digest of its archive; the bytes live in the blob store. */
export interface Artifact {
  id: string;
  projectId: string;
  buildId: string;
  jobId: string | null;
  name: string;
  size: number;
  digest: string;
  files: ArtifactFileEntry[];
  blobKey: string;
  promotionLevel: string | null;
  createdAt: number;
  expiresAt: number | null;
}

export interface NewArtifact {
  id?: string;
  projectId: string;
  buildId: string;
  jobId: string | null;
  name: string;
  size: number;
  digest: string;
  files: ArtifactFileEntry[];
  blobKey: string;
  expiresAt: number | null;
}

export interface ArtifactFilter {
  projectId?: string;
  buildId?: string;
  name?: string;
  digest?: string;
}

export interface ArtifactsRepository {
  getArtifact(id: string): Promise<Artifact>;
  findArtifact(id: string): Promise<Artifact | undefined>;
  /** Newest first. */
  listArtifacts(filter: ArtifactFilter, page?: PageRequest): Promise<Page<Artifact>>;
  /** Every artifact the given jobs uploaded, oldest first. */
  listJobArtifacts(jobIds: readonly string[]): Promise<Artifact[]>;
  /** The project's artifacts with this digest, newest first. */
  findArtifactsByDigest(projectId: string, digest: string): Promise<Artifact[]>;
  createArtifact(input: NewArtifact): Promise<Artifact>;
  /** Bytes the project's artifacts take in the blob store. */
  sumArtifactBytes(projectId: string): Promise<number>;
  /** Artifacts whose expiry passed, oldest expiry first. */
  listExpiredArtifacts(now: number, limit: number): Promise<Artifact[]>;
  /** Sets the level of every artifact of the project with this digest; returns how many. */
  setPromotionLevel(projectId: string, digest: string, level: string): Promise<number>;
  /** Moves an artifact's expiry (null: kept until deleted). */
  setArtifactExpiry(id: string, expiresAt: number | null): Promise<void>;
  deleteArtifact(id: string): Promise<void>;
}

function toArtifact(row: Selectable<ArtifactsTable>): Artifact {
  return {
    id: row.id,
    projectId: row.project_id,
    buildId: row.build_id,
    jobId: row.job_id,
    name: row.name,
    size: Number(row.size),
    digest: row.digest,
    files: fromJson<ArtifactFileEntry[]>(row.files),
    blobKey: row.blob_key,
    promotionLevel: row.promotion_level,
    createdAt: Number(row.created_at),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
  };
}

const newestFirst: Keyset<Artifact> = {
  listing: 'artifacts',
  sortColumn: 'created_at',
  idColumn: 'id',
  direction: 'desc',
  keyType: 'number',
  keyOf: (a) => [a.createdAt, a.id],
};

export function createArtifactsRepository(ctx: RepoContext): ArtifactsRepository {
  const findArtifact = async (id: string): Promise<Artifact | undefined> => {
    const row = await ctx.db.selectFrom('artifacts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toArtifact(row);
  };
  return {
    findArtifact,
    getArtifact: async (id) => required(await findArtifact(id), 'artifact', { id }),

    listArtifacts(filter, page) {
      let query = ctx.db.selectFrom('artifacts').selectAll();
      if (filter.projectId !== undefined) query = query.where('project_id', '=', filter.projectId);
      if (filter.buildId !== undefined) query = query.where('build_id', '=', filter.buildId);
      if (filter.name !== undefined) query = query.where('name', '=', filter.name);
      if (filter.digest !== undefined) query = query.where('digest', '=', filter.digest);
      return fetchPage(query, newestFirst, page, toArtifact);
    },

    async listJobArtifacts(jobIds) {
      if (jobIds.length === 0) return [];
      const rows = await ctx.db.selectFrom('artifacts').selectAll().where('job_id', 'in', jobIds).orderBy('created_at').orderBy('id').execute();
      return rows.map(toArtifact);
    },

    async findArtifactsByDigest(projectId, digest) {
      const rows = await ctx.db
        .selectFrom('artifacts')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('digest', '=', digest)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toArtifact);
    },

    async createArtifact(input) {
      const now = ctx.clock.now();
      const row = await withDbErrors('artifact', { buildId: input.buildId, name: input.name }, () =>
        ctx.db
          .insertInto('artifacts')
          .values({
            id: input.id ?? newId('a_', now),
            project_id: input.projectId,
            build_id: input.buildId,
            job_id: input.jobId,
            name: input.name,
            size: input.size,
            digest: input.digest,
            files: toJson(input.files),
            blob_key: input.blobKey,
            promotion_level: null,
            created_at: now,
            expires_at: input.expiresAt,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toArtifact(row);
    },

    async sumArtifactBytes(projectId) {
      const row = await ctx.db
        .selectFrom('artifacts')
        .select(sql<string | number | null>`sum(size)`.as('total'))
        .where('project_id', '=', projectId)
        .executeTakeFirst();
      return Number(row?.total ?? 0);
    },

    async listExpiredArtifacts(now, limit) {
      const rows = await ctx.db
        .selectFrom('artifacts')
        .selectAll()
        .where('expires_at', 'is not', null)
        .where('expires_at', '<=', now)
        .orderBy('expires_at')
        .limit(limit)
        .execute();
      return rows.map(toArtifact);
    },

    async setPromotionLevel(projectId, digest, level) {
      const result = await ctx.db
        .updateTable('artifacts')
        .set({ promotion_level: level })
        .where('project_id', '=', projectId)
        .where('digest', '=', digest)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async setArtifactExpiry(id, expiresAt) {
      await ctx.db.updateTable('artifacts').set({ expires_at: expiresAt }).where('id', '=', id).execute();
    },

    async deleteArtifact(id) {
      const result = await ctx.db.deleteFrom('artifacts').where('id', '=', id).executeTakeFirst();
      if (result.numDeletedRows === 0n) throw notFound('artifact', { id });
    },
  };
}
