import type { Selectable } from 'kysely';
import type { StepsTable } from '../schema/build-tables.js';
import type { StepStatus } from '../statuses.js';
import { withDbErrors } from './db-errors.js';
import { notFound, required } from './not-found.js';
import type { RepoContext } from './repo-context.js';

/** One step of one attempt of a job. */
export interface Step {
  jobId: string;
  attempt: number;
  /** The PlanStep's id, unique in the job. */
  stepId: string;
  position: number;
  name: string;
  status: StepStatus;
  exitCode: number | null;
  startedAt: number | null;
  finishedAt: number | null;
}

export interface NewStep {
  stepId: string;
  name: string;
  /** Default `pending`. */
  status?: StepStatus;
}

export type StepPatch = Partial<Pick<Step, 'status' | 'exitCode' | 'startedAt' | 'finishedAt'>>;

export interface StepsRepository {
  getStep(jobId: string, attempt: number, stepId: string): Promise<Step>;
  findStep(jobId: string, attempt: number, stepId: string): Promise<Step | undefined>;
  /** The steps of one attempt in order. */
  listSteps(jobId: string, attempt: number): Promise<Step[]>;
  /** Creates the steps of an attempt, in the given order. */
  createSteps(jobId: string, attempt: number, steps: readonly NewStep[]): Promise<Step[]>;
  updateStep(jobId: string, attempt: number, stepId: string, patch: StepPatch): Promise<Step>;
  deleteSteps(jobId: string, attempt: number): Promise<number>;
}

function toStep(row: Selectable<StepsTable>): Step {
  return {
    jobId: row.job_id,
    attempt: row.attempt,
    stepId: row.step_id,
    position: row.position,
    name: row.name,
    status: row.status as StepStatus,
    exitCode: row.exit_code,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export function createStepsRepository(ctx: RepoContext): StepsRepository {
  const findStep = async (jobId: string, attempt: number, stepId: string): Promise<Step | undefined> => {
    const row = await ctx.db
      .selectFrom('steps')
      .selectAll()
      .where('job_id', '=', jobId)
      .where('attempt', '=', attempt)
      .where('step_id', '=', stepId)
      .executeTakeFirst();
    return row && toStep(row);
  };

  return {
    findStep,
    getStep: async (jobId, attempt, stepId) => required(await findStep(jobId, attempt, stepId), 'step', { jobId, attempt, stepId }),

    async listSteps(jobId, attempt) {
      const rows = await ctx.db
        .selectFrom('steps')
        .selectAll()
        .where('job_id', '=', jobId)
        .where('attempt', '=', attempt)
        .orderBy('position')
        .execute();
      return rows.map(toStep);
    },

    async createSteps(jobId, attempt, steps) {
      if (steps.length === 0) return [];
      const rows = await withDbErrors('step', { jobId, attempt }, () =>
        ctx.db
          .insertInto('steps')
          .values(
            steps.map((s, position) => ({
              job_id: jobId,
              attempt,
              step_id: s.stepId,
              position,
              name: s.name,
              status: s.status ?? 'pending',
              exit_code: null,
              started_at: null,
              finished_at: null,
            })),
          )
          .returningAll()
          .execute(),
      );
      return rows.map(toStep).sort((a, b) => a.position - b.position);
    },

    async updateStep(jobId, attempt, stepId, patch) {
      const values = { status: patch.status, exit_code: patch.exitCode, started_at: patch.startedAt, finished_at: patch.finishedAt };
      if (Object.values(values).every((v) => v === undefined)) return required(await findStep(jobId, attempt, stepId), 'step', { jobId, attempt, stepId });
      const row = await ctx.db
        .updateTable('steps')
        .set(values)
        .where('job_id', '=', jobId)
        .where('attempt', '=', attempt)
        .where('step_id', '=', stepId)
        .returningAll()
        .executeTakeFirst();
      if (row === undefined) throw notFound('step', { jobId, attempt, stepId });
      return toStep(row);
    },

    async deleteSteps(jobId, attempt) {
      const result = await ctx.db.deleteFrom('steps').where('job_id', '=', jobId).where('attempt', '=', attempt).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
