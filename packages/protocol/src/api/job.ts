import { z } from 'zod';
import { Id, JobStatus, StepStatus, Timestamp } from './common.js';

export const Step = z.object({
  /** The step's id in the plan (`id:` or `step-<n>`), unique within its job. */
  id: z.string(),
  jobId: Id,
  attempt: z.number().int(),
  name: z.string(),
  position: z.number().int(),
  status: StepStatus,
  exitCode: z.number().int().nullable(),
  startedAt: Timestamp.nullable(),
  finishedAt: Timestamp.nullable(),
});
export type Step = z.infer<typeof Step>;

export const Job = z.object({
  id: Id,
  buildId: Id,
  /** The job's id in the plan (`test-node-20`). */
  key: z.string(),
  name: z.string(),
  stage: z.string().nullable(),
  needs: z.array(z.string()),
  runsOn: z.array(z.string()),
  status: JobStatus,
  /** Why a job is `waiting` (`approval` …), or why it was skipped, canceled or failed. */
  reason: z.string().nullable(),
  attempt: z.number().int(),
  agentId: Id.nullable(),
  exitCode: z.number().int().nullable(),
  /** Bytes of log stored so far. */
  logSize: z.number().int(),
  createdAt: Timestamp,
  queuedAt: Timestamp.nullable(),
  startedAt: Timestamp.nullable(),
  finishedAt: Timestamp.nullable(),
  steps: z.array(Step),
});
export type Job = z.infer<typeof Job>;

/** `?offset=&limit=` reads a byte range; `?tail=N` the last N lines; `?download=1` sends it as a file. */
export const LogQuery = z.strictObject({
  offset: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(64 * 1024 * 1024).optional(),
  tail: z.coerce.number().int().min(1).max(100_000).optional(),
  download: z.enum(['0', '1', 'true', 'false']).optional(),
  /** Which attempt's log (default: the current one). */
  attempt: z.coerce.number().int().min(1).optional(),
});
export type LogQuery = z.infer<typeof LogQuery>;
