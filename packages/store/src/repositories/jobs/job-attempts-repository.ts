import type { Selectable } from 'kysely';
import type { JobAttemptsTable } from '../../schema/build-tables.js';
import type { AttemptStatus } from '../../statuses.js';
import { conflict } from '../conflict.js';
import { statusGuard } from '../status-guard.js';
import { withDbErrors } from '../db-errors.js';
import { notFound, required } from '../not-found.js';
import type { RepoContext } from '../repo-context.js';

/** One run of a job on one agent. A job has one attempt per claim; only the job's current one counts. */
export interface JobAttempt {
  jobId: string;
  attempt: number;
  agentId: string | null;
  status: AttemptStatus;
  exitCode: number | null;
  reason: string | null;
  startedAt: number;
  finishedAt: number | null;
}

export interface NewJobAttempt {
  jobId: string;
  attempt: number;
  agentId?: string | null;
  status?: AttemptStatus;
  startedAt?: number;
}

export type JobAttemptPatch = Partial<Pick<JobAttempt, 'status' | 'exitCode' | 'reason' | 'finishedAt'>>;

export interface JobAttemptsRepository {
  getJobAttempt(jobId: string, attempt: number): Promise<JobAttempt>;
  findJobAttempt(jobId: string, attempt: number): Promise<JobAttempt | undefined>;
  /** All attempts of a job, oldest first. */
  listJobAttempts(jobId: string): Promise<JobAttempt[]>;
  createJobAttempt(input: NewJobAttempt): Promise<JobAttempt>;
  updateJobAttempt(jobId: string, attempt: number, patch: JobAttemptPatch, guard?: { ifStatus?: readonly AttemptStatus[] }): Promise<JobAttempt>;
}

function toAttempt(row: Selectable<JobAttemptsTable>): JobAttempt {
  return {
    jobId: row.job_id,
    attempt: row.attempt,
    agentId: row.agent_id,
    status: row.status as AttemptStatus,
    exitCode: row.exit_code,
    reason: row.reason,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export function createJobAttemptsRepository(ctx: RepoContext): JobAttemptsRepository {
  const findJobAttempt = async (jobId: string, attempt: number): Promise<JobAttempt | undefined> => {
    const row = await ctx.db
      .selectFrom('job_attempts')
      .selectAll()
      .where('job_id', '=', jobId)
      .where('attempt', '=', attempt)
      .executeTakeFirst();
    return row && toAttempt(row);
  };

  return {
    findJobAttempt,
    getJobAttempt: async (jobId, attempt) => required(await findJobAttempt(jobId, attempt), 'job attempt', { jobId, attempt }),

    async listJobAttempts(jobId) {
      const rows = await ctx.db.selectFrom('job_attempts').selectAll().where('job_id', '=', jobId).orderBy('attempt').execute();
      return rows.map(toAttempt);
    },

    async createJobAttempt(input) {
      const row = await withDbErrors('job attempt', { jobId: input.jobId, attempt: input.attempt }, () =>
        ctx.db
          .insertInto('job_attempts')
          .values({
            job_id: input.jobId,
            attempt: input.attempt,
            agent_id: input.agentId ?? null,
            status: input.status ?? 'running',
            exit_code: null,
            reason: null,
            started_at: input.startedAt ?? ctx.clock.now(),
            finished_at: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toAttempt(row);
    },

    async updateJobAttempt(jobId, attempt, patch, guard = {}) {
      const values = { status: patch.status, exit_code: patch.exitCode, reason: patch.reason, finished_at: patch.finishedAt };
      if (Object.values(values).every((v) => v === undefined)) return required(await findJobAttempt(jobId, attempt), 'job attempt', { jobId, attempt });
      const row = await ctx.db
        .updateTable('job_attempts')
        .set(values)
        .where('job_id', '=', jobId)
        .where('attempt', '=', attempt)
        .where(statusGuard(guard.ifStatus))
        .returningAll()
        .executeTakeFirst();
      if (row !== undefined) return toAttempt(row);
      const current = await findJobAttempt(jobId, attempt);
      if (current === undefined) throw notFound('job attempt', { jobId, attempt });
      throw conflict('job attempt', { jobId, attempt }, current.status, guard.ifStatus ?? []);
    },
  };
}
