import type { Selectable } from 'kysely';
import { newId } from '@ritmo/shared';
import { fetchPage, type Keyset, type Page, type PageRequest } from '../pagination/page.js';
import type { ApiTokensTable } from '../schema/identity-tables.js';
import { withDbErrors } from './db-errors.js';
import { fromJson, toJson } from './json-columns.js';
import { notFound, required } from './not-found.js';
import type { RepoContext } from './repo-context.js';

/** A personal API token. Only its hash is stored; the prefix finds it without scanning. */
export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  tokenHash: string;
  scopes: string[];
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface NewApiToken {
  id?: string;
  userId: string;
  name: string;
  prefix: string;
  tokenHash: string;
  scopes?: string[];
  expiresAt?: number | null;
}

export type ApiTokenPatch = Partial<Pick<ApiToken, 'name' | 'scopes' | 'expiresAt' | 'lastUsedAt' | 'revokedAt'>>;

export interface ApiTokensRepository {
  getApiToken(id: string): Promise<ApiToken>;
  findApiToken(id: string): Promise<ApiToken | undefined>;
  findApiTokenByPrefix(prefix: string): Promise<ApiToken | undefined>;
  listApiTokens(filter: { userId?: string }, page?: PageRequest): Promise<Page<ApiToken>>;
  createApiToken(input: NewApiToken): Promise<ApiToken>;
  updateApiToken(id: string, patch: ApiTokenPatch): Promise<ApiToken>;
  deleteApiToken(id: string): Promise<void>;
}

function toApiToken(row: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    prefix: row.prefix,
    tokenHash: row.token_hash,
    scopes: fromJson<string[]>(row.scopes),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

const byCreation: Keyset<ApiToken> = {
  listing: 'api-tokens',
  sortColumn: 'created_at',
  idColumn: 'id',
  direction: 'desc',
  keyType: 'number',
  keyOf: (t) => [t.createdAt, t.id],
};

export function createApiTokensRepository(ctx: RepoContext): ApiTokensRepository {
  const findApiToken = async (id: string): Promise<ApiToken | undefined> => {
    const row = await ctx.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toApiToken(row);
  };

  return {
    findApiToken,
    getApiToken: async (id) => required(await findApiToken(id), 'API token', { id }),

    async findApiTokenByPrefix(prefix) {
      const row = await ctx.db.selectFrom('api_tokens').selectAll().where('prefix', '=', prefix).executeTakeFirst();
      return row && toApiToken(row);
    },

    listApiTokens(filter, page) {
      let query = ctx.db.selectFrom('api_tokens').selectAll();
      if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
      return fetchPage(query, byCreation, page, toApiToken);
    },

    async createApiToken(input) {
      const now = ctx.clock.now();
      const row = await withDbErrors('API token', { prefix: input.prefix }, () =>
        ctx.db
          .insertInto('api_tokens')
          .values({
            id: input.id ?? newId('t_', now),
            user_id: input.userId,
            name: input.name,
            prefix: input.prefix,
            token_hash: input.tokenHash,
            scopes: toJson(input.scopes ?? []),
            created_at: now,
            expires_at: input.expiresAt ?? null,
            last_used_at: null,
            revoked_at: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toApiToken(row);
    },

    async updateApiToken(id, patch) {
      const row = await ctx.db
        .updateTable('api_tokens')
        .set({
          name: patch.name,
          scopes: patch.scopes === undefined ? undefined : toJson(patch.scopes),
          expires_at: patch.expiresAt,
          last_used_at: patch.lastUsedAt,
          revoked_at: patch.revokedAt,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return toApiToken(required(row, 'API token', { id }));
    },

    async deleteApiToken(id) {
      const result = await ctx.db.deleteFrom('api_tokens').where('id', '=', id).executeTakeFirst();
      if (result.numDeletedRows === 0n) throw notFound('API token', { id });
    },
  };
}
