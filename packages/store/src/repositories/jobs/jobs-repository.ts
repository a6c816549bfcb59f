import { fetchPage, type Keyset, type Page, type PageRequest } from '../../pagination/page.js';
import type { JobStatus } from '../../statuses.js';
import { conflict } from '../conflict.js';
import { statusGuard } from '../status-guard.js';
import { toJson } from '../json-columns.js';
import { notFound, required } from '../not-found.js';
import type { RepoContext } from '../repo-context.js';
import { insertJobs } from './insert-jobs.js';
import { toJob, type Job, type JobPatch, type NewJob } from './job-record.js';

export interface JobFilter {
  buildId?: string;
  status?: JobStatus | readonly JobStatus[];
  agentId?: string;
}

export interface JobGuard {
  /** Update only jobs in one of these statuses; a single-job update throws ERR_STORE_CONFLICT otherwise. */
  ifStatus?: readonly JobStatus[];
}

export interface JobsRepository {
  getJob(id: string): Promise<Job>;
  findJob(id: string): Promise<Job | undefined>;
  /** All jobs of a build in plan order (a build's size is bounded by the pipeline limits). */
  listBuildJobs(buildId: string): Promise<Job[]>;
  listJobs(filter?: JobFilter, page?: PageRequest): Promise<Page<Job>>;
  /** Adds jobs to an existing build, after its current ones. */
  createJobs(buildId: string, jobs: readonly NewJob[]): Promise<Job[]>;
  updateJob(id: string, patch: JobPatch, guard?: JobGuard): Promise<Job>;
  /** Updates every job of the build that passes the guard (e.g. cancel all queued and running); returns them. */
  updateBuildJobs(buildId: string, patch: JobPatch, guard?: JobGuard): Promise<Job[]>;
  deleteJob(id: string): Promise<void>;
}

const newestFirst: Keyset<Job> = {
  listing: 'jobs',
  sortColumn: 'created_at',
  idColumn: 'id',
  direction: 'desc',
  keyType: 'number',
  keyOf: (j) => [j.createdAt, j.id],
};

function asList<T>(value: T | readonly T[]): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

export function createJobsRepository(ctx: RepoContext): JobsRepository {
  const findJob = async (id: string): Promise<Job | undefined> => {
    const row = await ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toJob(row);
  };

  const update = (patch: JobPatch) =>
    ctx.db.updateTable('jobs').set({
      status: patch.status,
      priority: patch.priority,
      attempt: patch.attempt,
      agent_id: patch.agentId,
      lease_token: patch.leaseToken,
      lease_expires_at: patch.leaseExpiresAt,
      claim_request_id: patch.claimRequestId,
      exit_code: patch.exitCode,
      reason: patch.reason,
      outputs: patch.outputs === undefined ? undefined : toJson(patch.outputs),
      concurrency_group: patch.concurrencyGroup,
      approved_by: patch.approvedBy,
      queued_at: patch.queuedAt,
      started_at: patch.startedAt,
      finished_at: patch.finishedAt,
      updated_at: ctx.clock.now(),
    });

  return {
    findJob,
    getJob: async (id) => required(await findJob(id), 'job', { id }),

    async listBuildJobs(buildId) {
      const rows = await ctx.db.selectFrom('jobs').selectAll().where('build_id', '=', buildId).orderBy('position').execute();
      return rows.map(toJob);
    },

    listJobs(filter = {}, page) {
      let query = ctx.db.selectFrom('jobs').selectAll();
      if (filter.buildId !== undefined) query = query.where('build_id', '=', filter.buildId);
      if (filter.agentId !== undefined) query = query.where('agent_id', '=', filter.agentId);
      if (filter.status !== undefined) query = query.where(statusGuard(asList(filter.status)));
      return fetchPage(query, newestFirst, page, toJob);
    },

    createJobs: (buildId, jobs) =>
      ctx.inTransaction(async (tx) => {
        const last = await tx.db
          .selectFrom('jobs')
          .select((eb) => eb.fn.max('position').as('p'))
          .where('build_id', '=', buildId)
          .executeTakeFirst();
        const next = last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1;
        return insertJobs(tx, buildId, jobs, next);
      }),

    async updateJob(id, patch, guard = {}) {
      const row = await update(patch).where('id', '=', id).where(statusGuard(guard.ifStatus)).returningAll().executeTakeFirst();
      if (row !== undefined) return toJob(row);
      const current = await findJob(id);
      if (current === undefined) throw notFound('job', { id });
      throw conflict('job', { id }, current.status, guard.ifStatus ?? []);
    },

    async updateBuildJobs(buildId, patch, guard = {}) {
      const rows = await update(patch).where('build_id', '=', buildId).where(statusGuard(guard.ifStatus)).returningAll().execute();
      return rows.map(toJob).sort((a, b) => a.position - b.position);
    },

    async deleteJob(id) {
      const result = await ctx.db.deleteFrom('jobs').where('id', '=', id).executeTakeFirst();
      if (result.numDeletedRows === 0n) throw notFound('job', { id });
    },
  };
}
