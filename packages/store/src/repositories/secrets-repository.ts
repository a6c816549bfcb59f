import type { Selectable } from 'kysely';
import { newId } from '@ritmo/shared';
import { fetchPage, type Keyset, type Page, type PageRequest } from '../pagination/page.js';
import type { SecretsTable } from '../schema/identity-tables.js';
import { withDbErrors } from './db-errors.js';
import { notFound, required } from './not-found.js';
import type { RepoContext } from './repo-context.js';

/** A project secret as stored: ciphertext and nonce only. Encryption and decryption belong to the server. */
export interface Secret {
  id: string;
  projectId: string;
  name: string;
  ciphertext: Buffer;
  nonce: Buffer;
  /** Id of the key that encrypted the value (null for rows written before key ids existed). */
  keyId: string | null;
  createdAt: number;
  updatedAt: number;
}

/** What listings show: names and times, never the ciphertext. */
export type SecretSummary = Omit<Secret, 'ciphertext' | 'nonce'>;

export interface NewSecret {
  id?: string;
  projectId: string;
  name: string;
  ciphertext: Buffer;
  nonce: Buffer;
  keyId?: string | null;
}

export interface SecretsRepository {
  getSecret(projectId: string, name: string): Promise<Secret>;
  findSecret(projectId: string, name: string): Promise<Secret | undefined>;
  /** The named secrets of a project that exist (for handing a job exactly what it references). */
  findSecrets(projectId: string, names: readonly string[]): Promise<Secret[]>;
  listSecrets(projectId: string, page?: PageRequest): Promise<Page<SecretSummary>>;
  createSecret(input: NewSecret): Promise<Secret>;
  updateSecret(projectId: string, name: string, patch: Pick<Secret, 'ciphertext' | 'nonce'> & { keyId?: string | null }): Promise<Secret>;
  /** Creates or replaces; `created` tells which. */
  putSecret(input: NewSecret): Promise<{ secret: Secret; created: boolean }>;
  deleteSecret(projectId: string, name: string): Promise<void>;
}

function toSecret(row: Selectable<SecretsTable>): Secret {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    ciphertext: row.ciphertext,
    nonce: row.nonce,
    keyId: row.key_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const byName: Keyset<SecretSummary> = {
  listing: 'secrets',
  sortColumn: 'name',
  idColumn: 'id',
  direction: 'asc',
  keyType: 'string',
  keyOf: (s) => [s.name, s.id],
};

export function createSecretsRepository(ctx: RepoContext): SecretsRepository {
  const findSecret = async (projectId: string, name: string): Promise<Secret | undefined> => {
    const row = await ctx.db.selectFrom('secrets').selectAll().where('project_id', '=', projectId).where('name', '=', name).executeTakeFirst();
    return row && toSecret(row);
  };
  const insert = (input: NewSecret) => {
    const now = ctx.clock.now();
    return ctx.db.insertInto('secrets').values({
      id: input.id ?? newId('sec_', now),
      project_id: input.projectId,
      name: input.name,
      ciphertext: input.ciphertext,
      nonce: input.nonce,
      key_id: input.keyId ?? null,
      created_at: now,
      updated_at: now,
    });
  };

  return {
    findSecret,
    getSecret: async (projectId, name) => required(await findSecret(projectId, name), 'secret', { projectId, name }),

    async findSecrets(projectId, names) {
      if (names.length === 0) return [];
      const rows = await ctx.db
        .selectFrom('secrets')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('name', 'in', names)
        .orderBy('name')
        .execute();
      return rows.map(toSecret);
    },

    listSecrets(projectId, page) {
      const query = ctx.db
        .selectFrom('secrets')
        .select(['id', 'project_id', 'name', 'key_id', 'created_at', 'updated_at'])
        .where('project_id', '=', projectId);
      return fetchPage(query, byName, page, (r) => ({
        id: r.id,
        projectId: r.project_id,
        name: r.name,
        keyId: r.key_id,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      }));
    },

    async createSecret(input) {
      const row = await withDbErrors('secret', { projectId: input.projectId, name: input.name }, () =>
        insert(input).returningAll().executeTakeFirstOrThrow(),
      );
      return toSecret(row);
    },

    async updateSecret(projectId, name, patch) {
      const row = await ctx.db
        .updateTable('secrets')
        .set({ ciphertext: patch.ciphertext, nonce: patch.nonce, key_id: patch.keyId ?? null, updated_at: ctx.clock.now() })
        .where('project_id', '=', projectId)
        .where('name', '=', name)
        .returningAll()
        .executeTakeFirst();
      return toSecret(required(row, 'secret', { projectId, name }));
    },

    async putSecret(input) {
      // An existing row keeps its id, so the id tells whether the insert or the update happened.
      const id = input.id ?? newId('sec_', ctx.clock.now());
      const row = await withDbErrors('secret', { projectId: input.projectId, name: input.name }, () =>
        insert({ ...input, id })
          .onConflict((oc) =>
            oc.columns(['project_id', 'name']).doUpdateSet({
              ciphertext: input.ciphertext,
              nonce: input.nonce,
              key_id: input.keyId ?? null,
              updated_at: ctx.clock.now(),
            }),
          )
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return { secret: toSecret(row), created: row.id === id };
    },

    async deleteSecret(projectId, name) {
      const result = await ctx.db.deleteFrom('secrets').where('project_id', '=', projectId).where('name', '=', name).executeTakeFirst();
      if (result.numDeletedRows === 0n) throw notFound('secret', { projectId, name });
    },
  };
}
