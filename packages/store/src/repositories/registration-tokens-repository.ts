import type { Selectable } from 'kysely';
import { newId } from '@ritmo/shared';
import { fetchPage, type Keyset, type Page, type PageRequest } from '../pagination/page.js';
import type { AgentRegistrationTokensTable } from '../schema/agent-tables.js';
import { withDbErrors } from './db-errors.js';
import { fromJson, normalizeLabels, toJson } from './json-columns.js';
import { notFound, required } from './not-found.js';
import type { RepoContext } from './repo-context.js';

/** A token an agent trades for its own agent token at registration. */
export interface RegistrationToken {
  id: string;
  name: string;
  tokenHash: string;
  /** Labels every agent registered with it gets. */
  labels: string[];
  createdBy: string | null;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  /** How many agents registered with it. */
  uses: number;
}

export interface NewRegistrationToken {
  id?: string;
  name: string;
  tokenHash: string;
  labels?: readonly string[];
  createdBy?: string | null;
  expiresAt?: number | null;
}

export interface RegistrationTokensRepository {
  getRegistrationToken(id: string): Promise<RegistrationToken>;
  findRegistrationToken(id: string): Promise<RegistrationToken | undefined>;
  findRegistrationTokenByHash(tokenHash: string): Promise<RegistrationToken | undefined>;
  listRegistrationTokens(page?: PageRequest): Promise<Page<RegistrationToken>>;
  createRegistrationToken(input: NewRegistrationToken): Promise<RegistrationToken>;
  updateRegistrationToken(id: string, patch: Partial<Pick<RegistrationToken, 'name' | 'expiresAt' | 'revokedAt'>>): Promise<RegistrationToken>;
  /** Counts one registration (atomically). */
  recordRegistrationTokenUse(id: string): Promise<RegistrationToken>;
  deleteRegistrationToken(id: string): Promise<void>;
}

function toToken(row: Selectable<AgentRegistrationTokensTable>): RegistrationToken {
  return {
    id: row.id,
    name: row.name,
    tokenHash: row.token_hash,
    labels: fromJson<string[]>(row.labels),
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    uses: row.uses,
  };
}

const byCreation: Keyset<RegistrationToken> = {
  listing: 'registration-tokens',
  sortColumn: 'created_at',
  idColumn: 'id',
  direction: 'desc',
  keyType: 'number',
  keyOf: (t) => [t.createdAt, t.id],
};

export function createRegistrationTokensRepository(ctx: RepoContext): RegistrationTokensRepository {
  const findBy = async (column: 'id' | 'token_hash', value: string): Promise<RegistrationToken | undefined> => {
    const row = await ctx.db.selectFrom('agent_registration_tokens').selectAll().where(column, '=', value).executeTakeFirst();
    return row && toToken(row);
  };

  return {
    findRegistrationToken: (id) => findBy('id', id),
    getRegistrationToken: async (id) => required(await findBy('id', id), 'registration token', { id }),
    findRegistrationTokenByHash: (tokenHash) => findBy('token_hash', tokenHash),
    listRegistrationTokens: (page) => fetchPage(ctx.db.selectFrom('agent_registration_tokens').selectAll(), byCreation, page, toToken),

    async createRegistrationToken(input) {
      const now = ctx.clock.now();
      const row = await withDbErrors('registration token', { name: input.name }, () =>
        ctx.db
          .insertInto('agent_registration_tokens')
          .values({
            id: input.id ?? newId('rt_', now),
            name: input.name,
            token_hash: input.tokenHash,
            labels: toJson(normalizeLabels(input.labels ?? [])),
            created_by: input.createdBy ?? null,
            created_at: now,
            expires_at: input.expiresAt ?? null,
            revoked_at: null,
            uses: 0,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toToken(row);
    },

    async updateRegistrationToken(id, patch) {
      const values = { name: patch.name, expires_at: patch.expiresAt, revoked_at: patch.revokedAt };
      if (Object.values(values).every((v) => v === undefined)) return required(await findBy('id', id), 'registration token', { id });
      const row = await ctx.db.updateTable('agent_registration_tokens').set(values).where('id', '=', id).returningAll().executeTakeFirst();
      return toToken(required(row, 'registration token', { id }));
    },

    async recordRegistrationTokenUse(id) {
      const row = await ctx.db
        .updateTable('agent_registration_tokens')
        .set((eb) => ({ uses: eb('uses', '+', 1) }))
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return toToken(required(row, 'registration token', { id }));
    },

    async deleteRegistrationToken(id) {
      const result = await ctx.db.deleteFrom('agent_registration_tokens').where('id', '=', id).executeTakeFirst();
      if (result.numDeletedRows === 0n) throw notFound('registration token', { id });
    },
  };
}
