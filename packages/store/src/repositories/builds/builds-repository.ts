import type { Page, PageRequest } from '../../pagination/page.js';
import type { BuildStatus } from '../../statuses.js';
import { conflict } from '../conflict.js';
import { statusGuard } from '../status-guard.js';
import type { Job } from '../jobs/job-record.js';
import { toFlag } from '../json-columns.js';
import { notFound, required } from '../not-found.js';
import type { RepoContext } from '../repo-context.js';
import { toBuild, type Build, type BuildPatch, type BuildSummary, type NewBuild } from './build-record.js';
import { createBuildWithJobs, type NewBuildWithJobs } from './create-build-with-jobs.js';
import { insertBuild } from './insert-build.js';
import { listBuilds, type BuildFilter } from './list-builds.js';

export interface BuildGuard {
  /** Update only if the build is in one of these statuses, else ERR_STORE_CONFLICT. */
  ifStatus?: readonly BuildStatus[];
}

export interface BuildsRepository {
  getBuild(id: string): Promise<Build>;
  findBuild(id: string): Promise<Build | undefined>;
  getBuildByNumber(projectId: string, number: number): Promise<Build>;
  findBuildByNumber(projectId: string, number: number): Promise<Build | undefined>;
  listBuilds(filter?: BuildFilter, page?: PageRequest): Promise<Page<BuildSummary>>;
  /** Assigns the project's next number. */
  createBuild(input: NewBuild): Promise<Build>;
  createBuildWithJobs(input: NewBuildWithJobs): Promise<{ build: Build; jobs: Job[] }>;
  updateBuild(id: string, patch: BuildPatch, guard?: BuildGuard): Promise<Build>;
  /** Deletes the build with its jobs, steps and logs. */
  deleteBuild(id: string): Promise<void>;
}

export function createBuildsRepository(ctx: RepoContext): BuildsRepository {
  const findBuild = async (id: string): Promise<Build | undefined> => {
    const row = await ctx.db.selectFrom('builds').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toBuild(row);
  };
  const findBuildByNumber = async (projectId: string, number: number): Promise<Build | undefined> => {
    const row = await ctx.db
      .selectFrom('builds')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('number', '=', number)
      .executeTakeFirst();
    return row && toBuild(row);
  };

  return {
    findBuild,
    getBuild: async (id) => required(await findBuild(id), 'build', { id }),
    findBuildByNumber,
    getBuildByNumber: async (projectId, number) => required(await findBuildByNumber(projectId, number), 'build', { projectId, number }),
    listBuilds: (filter, page) => listBuilds(ctx, filter, page),
    createBuild: (input) => ctx.inTransaction((tx) => insertBuild(tx, input)),
    createBuildWithJobs: (input) => createBuildWithJobs(ctx, input),

    async updateBuild(id, patch, guard = {}) {
      const row = await ctx.db
        .updateTable('builds')
        .set({
          status: patch.status,
          trusted: patch.trusted === undefined ? undefined : toFlag(patch.trusted),
          message: patch.message,
          concurrency_group: patch.concurrencyGroup,
          error: patch.error,
          canceled_by: patch.canceledBy,
          started_at: patch.startedAt,
          finished_at: patch.finishedAt,
          secrets_approved_by: patch.secretsApprovedBy,
          secrets_approved_at: patch.secretsApprovedAt,
          updated_at: ctx.clock.now(),
        })
        .where('id', '=', id)
        .where(statusGuard(guard.ifStatus))
        .returningAll()
        .executeTakeFirst();
      if (row !== undefined) return toBuild(row);
      const current = await findBuild(id);
      if (current === undefined) throw notFound('build', { id });
      throw conflict('build', { id }, current.status, guard.ifStatus ?? []);
    },

    async deleteBuild(id) {
      const result = await ctx.db.deleteFrom('builds').where('id', '=', id).executeTakeFirst();
      if (result.numDeletedRows === 0n) throw notFound('build', { id });
    },
  };
}
