import type { Selectable } from 'kysely';
import type { UpstreamTriggersTable } from '../schema/upstream-trigger-tables.js';
import { withDbErrors } from './db-errors.js';
import { fromJson, toJson } from './json-columns.js';
import { notFound } from './not-found.js';
import type { RepoContext } from './repo-context.js';

/** Project `projectId` is built when a build of `upstreamProjectId` ends with one of `statuses`. */
export interface UpstreamTrigger {
  projectId: string;
  upstreamProjectId: string;
  statuses: string[];
  /** Branch patterns the upstream build must be on; null for any branch. */
  branches: string[] | null;
  createdAt: number;
  updatedAt: number;
}

export type NewUpstreamTrigger = Pick<UpstreamTrigger, 'projectId' | 'upstreamProjectId' | 'statuses' | 'branches'>;

export interface UpstreamTriggersRepository {
  /** The projects whose builds trigger this one. */
  listUpstreamTriggers(projectId: string): Promise<UpstreamTrigger[]>;
  /** The projects a build of this one triggers. */
  listDownstreamTriggers(upstreamProjectId: string): Promise<UpstreamTrigger[]>;
  /** Every link, for cycle checks (few rows: one per configured trigger). */
  listAllUpstreamTriggers(): Promise<UpstreamTrigger[]>;
  /** Creates or replaces the link between the two projects. */
  putUpstreamTrigger(input: NewUpstreamTrigger): Promise<UpstreamTrigger>;
  deleteUpstreamTrigger(projectId: string, upstreamProjectId: string): Promise<void>;
}

function toTrigger(row: Selectable<UpstreamTriggersTable>): UpstreamTrigger {
  return {
    projectId: row.project_id,
    upstreamProjectId: row.upstream_project_id,
    statuses: fromJson<string[]>(row.statuses),
    branches: row.branches === null ? null : fromJson<string[]>(row.branches),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export function createUpstreamTriggersRepository(ctx: RepoContext): UpstreamTriggersRepository {
  const list = async (column: 'project_id' | 'upstream_project_id' | undefined, value?: string): Promise<UpstreamTrigger[]> => {
    let query = ctx.db.selectFrom('upstream_triggers').selectAll();
    if (column !== undefined && value !== undefined) query = query.where(column, '=', value);
    const rows = await query.orderBy('project_id').orderBy('upstream_project_id').execute();
    return rows.map(toTrigger);
  };

  return {
    listUpstreamTriggers: (projectId) => list('project_id', projectId),
    listDownstreamTriggers: (upstreamProjectId) => list('upstream_project_id', upstreamProjectId),
    listAllUpstreamTriggers: () => list(undefined),

    async putUpstreamTrigger(input) {
      const now = ctx.clock.now();
      const values = { statuses: toJson(input.statuses), branches: input.branches === null ? null : toJson(input.branches), updated_at: now };
      const row = await withDbErrors('upstream trigger', { projectId: input.projectId, upstreamProjectId: input.upstreamProjectId }, () =>
        ctx.db
          .insertInto('upstream_triggers')
          .values({ project_id: input.projectId, upstream_project_id: input.upstreamProjectId, created_at: now, ...values })
          .onConflict((oc) => oc.columns(['project_id', 'upstream_project_id']).doUpdateSet(values))
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toTrigger(row);
    },

    async deleteUpstreamTrigger(projectId, upstreamProjectId) {
      const result = await ctx.db.deleteFrom('upstream_triggers').where('project_id', '=', projectId).where('upstream_project_id', '=', upstreamProjectId).executeTakeFirst();
      if (result.numDeletedRows === 0n) throw notFound('upstream trigger', { projectId, upstreamProjectId });
    },
  };
}
