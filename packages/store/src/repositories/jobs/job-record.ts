import type { Selectable } from 'kysely';
import type { PlanJob } from '@ritmo/pipeline';
import type { JobsTable } from '../../schema/build-tables.js';
import type { JobStatus } from '../../statuses.js';
import { fromFlag, fromJson } from '../json-columns.js';

/** One node of a build's DAG, with the fields the queue and leases work on. */
export interface Job {
  id: string;
  buildId: string;
  /** The PlanJob's id, unique in the build. */
  planJobId: string;
  /** Order in the plan. */
  position: number;
  key: string;
  name: string;
  stage: string | null;
  status: JobStatus;
  /** Higher is claimed first. */
  priority: number;
  /** Plan job ids this job waits for. */
  needs: string[];
  /** Agent labels the job requires, sorted. */
  runsOn: string[];
  planJob: PlanJob;
  /** The current attempt, from 1. */
  attempt: number;
  agentId: string | null;
  leaseToken: string | null;
  leaseExpiresAt: number | null;
  claimRequestId: string | null;
  exitCode: number | null;
  /** Why the job ended as it did (`agent-lost`, `timeout`, `needs-failed` ...). */
  reason: string | null;
  outputs: Record<string, string>;
  matrixGroup: string | null;
  continueOnError: boolean;
  concurrencyGroup: string | null;
  approvedBy: string | null;
  createdAt: number;
  queuedAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  updatedAt: number;
}

export interface NewJob {
  id?: string;
  planJob: PlanJob;
  /** `pending` until its needs are decided, `queued` when runnable now, `waiting` for approval ... */
  status: JobStatus;
  priority?: number;
  concurrencyGroup?: string | null;
}

export type JobPatch = Partial<
  Pick<
    Job,
    | 'status'
    | 'priority'
    | 'attempt'
    | 'agentId'
    | 'leaseToken'
    | 'leaseExpiresAt'
    | 'claimRequestId'
    | 'exitCode'
    | 'reason'
    | 'outputs'
    | 'concurrencyGroup'
    | 'approvedBy'
    | 'queuedAt'
    | 'startedAt'
    | 'finishedAt'
  >
>;

export function toJob(row: Selectable<JobsTable>): Job {
  return {
    id: row.id,
    buildId: row.build_id,
    planJobId: row.plan_job_id,
    position: row.position,
    key: row.key,
    name: row.name,
    stage: row.stage,
    status: row.status as JobStatus,
    priority: row.priority,
    needs: fromJson<string[]>(row.needs),
    runsOn: fromJson<string[]>(row.runs_on),
    planJob: fromJson<PlanJob>(row.plan_job),
    attempt: row.attempt,
    agentId: row.agent_id,
    leaseToken: row.lease_token,
    leaseExpiresAt: row.lease_expires_at,
    claimRequestId: row.claim_request_id,
    exitCode: row.exit_code,
    reason: row.reason,
    outputs: fromJson<Record<string, string>>(row.outputs),
    matrixGroup: row.matrix_group,
    continueOnError: fromFlag(row.continue_on_error),
    concurrencyGroup: row.concurrency_group,
    approvedBy: row.approved_by,
    createdAt: row.created_at,
    queuedAt: row.queued_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    updatedAt: row.updated_at,
  };
}
