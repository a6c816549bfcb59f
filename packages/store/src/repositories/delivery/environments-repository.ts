import type { Selectable } from 'kysely';
import { newId } from '@ritmo/shared';
import { fetchPage, type Keyset, type Page, type PageRequest } from '../../pagination/page.js';
import type { EnvironmentsTable } from '../../schema/delivery-tables.js';
import { isUniqueViolation, withDbErrors } from '../db-errors.js';
import { fromJson, toJson } from '../json-columns.js';
import { notFound, required } from '../not-found.js';
import type { RepoContext } from '../repo-context.js';

/** A deploy target of a project; its protection rules are the server's to interpret. */
export interface Environment {
  id: string;
  projectId: string;
  name: string;
  url: string | null;
  protection: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

export interface NewEnvironment {
  projectId: string;
  name: string;
  url?: string | null;
  protection?: Record<string, unknown>;
}

export interface EnvironmentsRepository {
  getEnvironment(id: string): Promise<Environment>;
  findEnvironment(id: string): Promise<Environment | undefined>;
  findEnvironmentByName(projectId: string, name: string): Promise<Environment | undefined>;
  /** In name order. */
  listEnvironments(projectId: string, page?: PageRequest): Promise<Page<Environment>>;
  /** Creates or replaces url and protection; `created` tells which. */
  putEnvironment(input: NewEnvironment): Promise<{ environment: Environment; created: boolean }>;
  /** The environment, created unprotected (with `url`) when the project has none of that name. */
  ensureEnvironment(projectId: string, name: string, url: string | null): Promise<Environment>;
  deleteEnvironment(projectId: string, name: string): Promise<void>;
}

function toEnvironment(row: Selectable<EnvironmentsTable>): Environment {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    url: row.url,
    protection: fromJson<Record<string, unknown>>(row.protection),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

const byName: Keyset<Environment> = {
  listing: 'environments',
  sortColumn: 'name',
  idColumn: 'id',
  direction: 'asc',
  keyType: 'string',
  keyOf: (e) => [e.name, e.id],
};

export function createEnvironmentsRepository(ctx: RepoContext): EnvironmentsRepository {
  const findEnvironment = async (id: string): Promise<Environment | undefined> => {
    const row = await ctx.db.selectFrom('environments').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toEnvironment(row);
  };
  const findEnvironmentByName = async (projectId: string, name: string): Promise<Environment | undefined> => {
    const row = await ctx.db.selectFrom('environments').selectAll().where('project_id', '=', projectId).where('name', '=', name).executeTakeFirst();
    return row && toEnvironment(row);
  };
  const insert = (input: NewEnvironment, id: string, now: number) =>
    ctx.db.insertInto('environments').values({
      id,
      project_id: input.projectId,
      name: input.name,
      url: input.url ?? null,
      protection: toJson(input.protection ?? {}),
      created_at: now,
      updated_at: now,
    });

  return {
    findEnvironment,
    getEnvironment: async (id) => required(await findEnvironment(id), 'environment', { id }),
    findEnvironmentByName,

    listEnvironments(projectId, page) {
      return fetchPage(ctx.db.selectFrom('environments').selectAll().where('project_id', '=', projectId), byName, page, toEnvironment);
    },

    async putEnvironment(input) {
      const now = ctx.clock.now();
      const id = newId('env_', now);
      const row = await withDbErrors('environment', { projectId: input.projectId, name: input.name }, () =>
        insert(input, id, now)
          .onConflict((oc) =>
            oc.columns(['project_id', 'name']).doUpdateSet({
              ...(input.url === undefined ? {} : { url: input.url }),
              ...(input.protection === undefined ? {} : { protection: toJson(input.protection) }),
              updated_at: now,
            }),
          )
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return { environment: toEnvironment(row), created: row.id === id };
    },

    async ensureEnvironment(projectId, name, url) {
      const existing = await findEnvironmentByName(projectId, name);
      if (existing) return existing;
      const now = ctx.clock.now();
      try {
        await insert({ projectId, name, url }, newId('env_', now), now).onConflict((oc) => oc.columns(['project_id', 'name']).doNothing()).execute();
      } catch (e: unknown) {
        if (!isUniqueViolation(e)) throw e;
      }
      return required(await findEnvironmentByName(projectId, name), 'environment', { projectId, name });
    },

    async deleteEnvironment(projectId, name) {
      const result = await ctx.db.deleteFrom('environments').where('project_id', '=', projectId).where('name', '=', name).executeTakeFirst();
      if (result.numDeletedRows === 0n) throw notFound('environment', { projectId, name });
    },
  };
}
