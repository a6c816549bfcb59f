import type { Selectable } from 'kysely';
import type { EventName, Plan } from '@ritmo/pipeline';
import type { BuildsTable } from '../../schema/build-tables.js';
import type { BuildStatus } from '../../statuses.js';
import { fromFlag, fromJson } from '../json-columns.js';

export type BuildInputs = Record<string, string | number | boolean>;

/** A build without its plan: what listings return. */
export interface BuildSummary {
  id: string;
  projectId: string;
  pipelineId: string | null;
  number: number;
  status: BuildStatus;
  event: EventName;
  ref: string | null;
  sha: string | null;
  branch: string | null;
  tag: string | null;
  actor: string | null;
  inputs: BuildInputs;
  /** False for builds from forks: no secrets, approval gate, separate cache scope. */
  trusted: boolean;
  message: string | null;
  /** Trigger facts beyond the columns (pull request number, base branch, upstream build ...). */
  trigger: Record<string, unknown>;
  concurrencyGroup: string | null;
  /** Why the build failed before any job ran (e.g. the pipeline did not compile). */
  error: string | null;
  canceledBy: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  updatedAt: number;
  /** The maintainer who approved an untrusted build to receive secrets (null: not approved). */
  secretsApprovedBy: string | null;
  secretsApprovedAt: number | null;
}

export interface Build extends BuildSummary {
  plan: Plan;
}

export interface NewBuild {
  id?: string;
  projectId: string;
  pipelineId?: string | null;
  /** Default `queued`. */
  status?: BuildStatus;
  event: EventName;
  ref?: string | null;
  sha?: string | null;
  branch?: string | null;
  tag?: string | null;
  actor?: string | null;
  inputs?: BuildInputs;
  /** Required: trust is decided by the server, never defaulted. */
  trusted: boolean;
  plan: Plan;
  message?: string | null;
  trigger?: Record<string, unknown>;
  concurrencyGroup?: string | null;
  error?: string | null;
}

export type BuildPatch = Partial<
  Pick<
    Build,
    'status' | 'trusted' | 'message' | 'concurrencyGroup' | 'error' | 'canceledBy' | 'startedAt' | 'finishedAt' | 'secretsApprovedBy' | 'secretsApprovedAt'
  >
>;

export type BuildSummaryRow = Omit<Selectable<BuildsTable>, 'plan'>;

export const BUILD_SUMMARY_COLUMNS = [
  'id',
  'project_id',
  'pipeline_id',
  'number',
  'status',
  'event',
  'ref',
  'sha',
  'branch',
  'tag',
  'actor',
  'inputs',
  'trusted',
  'message',
  'trigger',
  'concurrency_group',
  'error',
  'canceled_by',
  'created_at',
  'started_at',
  'finished_at',
  'updated_at',
  'secrets_approved_by',
  'secrets_approved_at',
] as const satisfies readonly (keyof BuildSummaryRow)[];

export function toBuildSummary(row: BuildSummaryRow): BuildSummary {
  return {
    id: row.id,
    projectId: row.project_id,
    pipelineId: row.pipeline_id,
    number: Number(row.number),
    status: row.status as BuildStatus,
    event: row.event as EventName,
    ref: row.ref,
    sha: row.sha,
    branch: row.branch,
    tag: row.tag,
    actor: row.actor,
    inputs: fromJson<BuildInputs>(row.inputs),
    trusted: fromFlag(row.trusted),
    message: row.message,
    trigger: fromJson<Record<string, unknown>>(row.trigger),
    concurrencyGroup: row.concurrency_group,
    error: row.error,
    canceledBy: row.canceled_by,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    updatedAt: row.updated_at,
    secretsApprovedBy: row.secrets_approved_by,
    secretsApprovedAt: row.secrets_approved_at,
  };
}

export function toBuild(row: Selectable<BuildsTable>): Build {
  return { ...toBuildSummary(row), plan: fromJson<Plan>(row.plan) };
}
