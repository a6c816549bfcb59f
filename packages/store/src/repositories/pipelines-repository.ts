import type { Selectable } from 'kysely';
import type { Plan } from '@ritmo/pipeline';
import { newId } from '@ritmo/shared';
import { fetchPage, type Keyset, type Page, type PageRequest } from '../pagination/page.js';
import type { PipelinesTable } from '../schema/build-tables.js';
import { withDbErrors } from './db-errors.js';
import { fromJson, toJson } from './json-columns.js';
import { notFound, required } from './not-found.js';
import type { RepoContext } from './repo-context.js';

/** A project's pipeline as last read (from the repository at `ref`/`sha`, or stored inline). */
export interface Pipeline {
  id: string;
  projectId: string;
  name: string;
  path: string | null;
  source: string;
  /** Null when the source does not compile. */
  plan: Plan | null;
  ref: string | null;
  sha: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface NewPipeline {
  id?: string;
  projectId: string;
  name: string;
  path?: string | null;
  source: string;
  plan?: Plan | null;
  ref?: string | null;
  sha?: string | null;
}

export type PipelinePatch = Partial<Pick<Pipeline, 'path' | 'source' | 'plan' | 'ref' | 'sha'>>;

export interface PipelinesRepository {
  getPipeline(id: string): Promise<Pipeline>;
  findPipeline(id: string): Promise<Pipeline | undefined>;
  findPipelineByName(projectId: string, name: string): Promise<Pipeline | undefined>;
  listPipelines(projectId: string, page?: PageRequest): Promise<Page<Pipeline>>;
  createPipeline(input: NewPipeline): Promise<Pipeline>;
  updatePipeline(id: string, patch: PipelinePatch): Promise<Pipeline>;
  deletePipeline(id: string): Promise<void>;
}

function toPipeline(row: Selectable<PipelinesTable>): Pipeline {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    path: row.path,
    source: row.source,
    plan: row.plan === null ? null : fromJson<Plan>(row.plan),
    ref: row.ref,
    sha: row.sha,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const byName: Keyset<Pipeline> = {
  listing: 'pipelines',
  sortColumn: 'name',
  idColumn: 'id',
  direction: 'asc',
  keyType: 'string',
  keyOf: (p) => [p.name, p.id],
};

export function createPipelinesRepository(ctx: RepoContext): PipelinesRepository {
  const findPipeline = async (id: string): Promise<Pipeline | undefined> => {
    const row = await ctx.db.selectFrom('pipelines').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toPipeline(row);
  };

  return {
    findPipeline,
    getPipeline: async (id) => required(await findPipeline(id), 'pipeline', { id }),

    async findPipelineByName(projectId, name) {
      const row = await ctx.db
        .selectFrom('pipelines')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('name', '=', name)
        .executeTakeFirst();
      return row && toPipeline(row);
    },

    listPipelines(projectId, page) {
      return fetchPage(ctx.db.selectFrom('pipelines').selectAll().where('project_id', '=', projectId), byName, page, toPipeline);
    },

    async createPipeline(input) {
      const now = ctx.clock.now();
      const row = await withDbErrors('pipeline', { projectId: input.projectId, name: input.name }, () =>
        ctx.db
          .insertInto('pipelines')
          .values({
            id: input.id ?? newId('pl_', now),
            project_id: input.projectId,
            name: input.name,
            path: input.path ?? null,
            source: input.source,
            plan: input.plan == null ? null : toJson(input.plan),
            ref: input.ref ?? null,
            sha: input.sha ?? null,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toPipeline(row);
    },

    async updatePipeline(id, patch) {
      const row = await ctx.db
        .updateTable('pipelines')
        .set({
          path: patch.path,
          source: patch.source,
          plan: patch.plan === undefined ? undefined : patch.plan === null ? null : toJson(patch.plan),
          ref: patch.ref,
          sha: patch.sha,
          updated_at: ctx.clock.now(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return toPipeline(required(row, 'pipeline', { id }));
    },

    async deletePipeline(id) {
      const result = await ctx.db.deleteFrom('pipelines').where('id', '=', id).executeTakeFirst();
      if (result.numDeletedRows === 0n) throw notFound('pipeline', { id });
    },
  };
}
