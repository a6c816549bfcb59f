import type { Insertable } from 'kysely';
import { newId } from '@ritmo/shared';
import type { JobsTable } from '../../schema/build-tables.js';
import { withDbErrors } from '../db-errors.js';
import { normalizeLabels, toFlag, toJson } from '../json-columns.js';
import type { RepoContext } from '../repo-context.js';
import { toJob, type Job, type NewJob } from './job-record.js';

/** Rows per INSERT: keeps the bound parameters under SQLite's and PostgreSQL's limits. */
const BATCH = 200;

function toRow(buildId: string, job: NewJob, position: number, now: number): Insertable<JobsTable> {
  const plan = job.planJob;
  return {
    id: job.id ?? newId('j_', now),
    build_id: buildId,
    plan_job_id: plan.id,
    position,
    key: plan.key,
    name: plan.name,
    stage: plan.stage ?? null,
    status: job.status,
    priority: job.priority ?? 0,
    needs: toJson(plan.needs),
    runs_on: toJson(normalizeLabels(plan.runsOn)),
    plan_job: toJson(plan),
    attempt: 1,
    agent_id: null,
    lease_token: null,
    lease_expires_at: null,
    claim_request_id: null,
    exit_code: null,
    reason: null,
    outputs: toJson({}),
    matrix_group: plan.matrixGroup ?? null,
    continue_on_error: toFlag(plan.continueOnError),
    concurrency_group: job.concurrencyGroup ?? null,
    approved_by: null,
    created_at: now,
    queued_at: job.status === 'queued' ? now : null,
    started_at: null,
    finished_at: null,
    updated_at: now,
  };
}

/** Inserts jobs for one build in plan order (positions continue after `firstPosition`). */
export async function insertJobs(ctx: RepoContext, buildId: string, jobs: readonly NewJob[], firstPosition = 0): Promise<Job[]> {
  const now = ctx.clock.now();
  const rows = jobs.map((job, i) => toRow(buildId, job, firstPosition + i, now));
  const inserted: Job[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const out = await withDbErrors('job', { buildId }, () => ctx.db.insertInto('jobs').values(batch).returningAll().execute());
    inserted.push(...out.map(toJob));
  }
  return inserted.sort((a, b) => a.position - b.position);
}
