import { sql, type Selectable } from 'kysely';
import { newId } from '@ritmo/shared';
import { fetchPage, type Keyset, type Page, type PageRequest } from '../../pagination/page.js';
import type { CachesTable } from '../../schema/delivery-tables.js';
import { withDbErrors } from '../db-errors.js';
import { notFound, required } from '../not-found.js';
import type { RepoContext } from '../repo-context.js';

/** A saved cache: immutable once written, found by scope and key, evicted least recently used first. */
export interface CacheEntry {
  id: string;
  projectId: string;
  scope: string;
  key: string;
  size: number;
  blobKey: string;
  createdAt: number;
  lastUsedAt: number;
}

export interface NewCacheEntry {
  id?: string;
  projectId: string;
  scope: string;
  key: string;
  size: number;
  blobKey: string;
}

export interface CachesRepository {
  getCache(id: string): Promise<CacheEntry>;
  findCache(id: string): Promise<CacheEntry | undefined>;
  findCacheByKey(projectId: string, scope: string, key: string): Promise<CacheEntry | undefined>;
  /** The newest cache of the scope whose key starts with `prefix`. */
  findCacheByPrefix(projectId: string, scope: string, prefix: string): Promise<CacheEntry | undefined>;
  /** Most recently used first; `keyPrefix` narrows to keys starting with it. */
  listCaches(projectId: string, filter?: { keyPrefix?: string }, page?: PageRequest): Promise<Page<CacheEntry>>;
  /** ERR_STORE_ALREADY_EXISTS when the scope already has the key (caches are immutable). */
  createCache(input: NewCacheEntry): Promise<CacheEntry>;
  touchCache(id: string): Promise<void>;
  sumCacheBytes(projectId: string): Promise<number>;
  /** Least recently used first. */
  listLeastRecentlyUsed(projectId: string, limit: number): Promise<CacheEntry[]>;
  deleteCache(id: string): Promise<void>;
}

function toCache(row: Selectable<CachesTable>): CacheEntry {
  return {
    id: row.id,
    projectId: row.project_id,
    scope: row.scope,
    key: row.key,
    size: Number(row.size),
    blobKey: row.blob_key,
    createdAt: Number(row.created_at),
    lastUsedAt: Number(row.last_used_at),
  };
}

const recentlyUsedFirst: Keyset<CacheEntry> = {
  listing: 'caches',
  sortColumn: 'last_used_at',
  idColumn: 'id',
  direction: 'desc',
  keyType: 'number',
  keyOf: (c) => [c.lastUsedAt, c.id],
};

/** `key` starts with `prefix`, without LIKE (whose wildcards would need escaping). */
const startsWith = (prefix: string) => sql<boolean>`substr(${sql.ref('key')}, 1, ${prefix.length}) = ${prefix}`;

export function createCachesRepository(ctx: RepoContext): CachesRepository {
  const findCache = async (id: string): Promise<CacheEntry | undefined> => {
    const row = await ctx.db.selectFrom('caches').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toCache(row);
  };
  return {
    findCache,
    getCache: async (id) => required(await findCache(id), 'cache', { id }),

    async findCacheByKey(projectId, scope, key) {
      const row = await ctx.db.selectFrom('caches').selectAll().where('project_id', '=', projectId).where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
      return row && toCache(row);
    },

    async findCacheByPrefix(projectId, scope, prefix) {
      const row = await ctx.db
        .selectFrom('caches')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('scope', '=', scope)
        .where(startsWith(prefix))
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toCache(row);
    },

    listCaches(projectId, filter = {}, page) {
      let query = ctx.db.selectFrom('caches').selectAll().where('project_id', '=', projectId);
      if (filter.keyPrefix !== undefined) query = query.where(startsWith(filter.keyPrefix));
      return fetchPage(query, recentlyUsedFirst, page, toCache);
    },

    async createCache(input) {
      const now = ctx.clock.now();
      const row = await withDbErrors('cache', { scope: input.scope, key: input.key }, () =>
        ctx.db
          .insertInto('caches')
          .values({
            id: input.id ?? newId('c_', now),
            project_id: input.projectId,
            scope: input.scope,
            key: input.key,
            size: input.size,
            blob_key: input.blobKey,
            created_at: now,
            last_used_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toCache(row);
    },

    async touchCache(id) {
      await ctx.db.updateTable('caches').set({ last_used_at: ctx.clock.now() }).where('id', '=', id).execute();
    },

    async sumCacheBytes(projectId) {
      const row = await ctx.db.selectFrom('caches').select(sql<string | number | null>`sum(size)`.as('total')).where('project_id', '=', projectId).executeTakeFirst();
      return Number(row?.total ?? 0);
    },

    async listLeastRecentlyUsed(projectId, limit) {
      const rows = await ctx.db.selectFrom('caches').selectAll().where('project_id', '=', projectId).orderBy('last_used_at').orderBy('id').limit(limit).execute();
      return rows.map(toCache);
    },

    async deleteCache(id) {
      const result = await ctx.db.deleteFrom('caches').where('id', '=', id).executeTakeFirst();
      if (result.numDeletedRows === 0n) throw notFound('cache', { id });
    },
  };
}
