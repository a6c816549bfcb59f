import { z } from 'zod';
import { JobStatus } from '../api/common.js';

/** What every job-scoped write carries besides the job id in its path; sent with the job token. */
export const LeaseFields = z.strictObject({
  attempt: z.number().int().min(1),
  leaseToken: z.string().min(1).max(200),
});
export type LeaseFields = z.infer<typeof LeaseFields>;

/** `POST /api/v1/agent/jobs/{id}/steps/{stepId}`: a step started or ended. */
export const StepUpdateRequest = LeaseFields.extend({
  status: z.enum(['running', 'success', 'failure', 'canceled', 'skipped']),
  exitCode: z.number().int().nullable().optional(),
});
export type StepUpdateRequest = z.infer<typeof StepUpdateRequest>;

/**
 * `POST /api/v1/agent/jobs/{id}/log`: bytes [offset, offset + length) of the attempt's log, base64.
 * Idempotent: bytes the server already has are accepted again; a gap or different bytes are a 409
 * whose `details.expectedOffset` says where to resume.
 */
export const LogChunkRequest = LeaseFields.extend({
  offset: z.number().int().min(0),
  data: z.base64().max(Math.ceil((1024 * 1024) / 3) * 4),
});
export type LogChunkRequest = z.infer<typeof LogChunkRequest>;

/** The end of the stored log: what the server acknowledges. */
export const LogChunkResponse = z.object({ offset: z.number().int().min(0) });
export type LogChunkResponse = z.infer<typeof LogChunkResponse>;

/** `POST /api/v1/agent/jobs/{id}/complete`: the attempt's result. */
export const CompleteJobRequest = LeaseFields.extend({
  status: z.enum(['success', 'failure', 'canceled']),
  exitCode: z.number().int().nullable(),
  outputs: z.record(z.string().max(256), z.string().max(64 * 1024)).default({}),
  /** `timeout`, `checkout-failed`, `agent-lost` ...; null for a plain step result. */
  reason: z.string().max(500).nullable().default(null),
});
export type CompleteJobRequest = z.infer<typeof CompleteJobRequest>;

export const CompleteJobResponse = z.object({
  /** The job afterwards (`queued` again when the attempt is retried). */
  status: JobStatus,
  requeued: z.boolean(),
});
export type CompleteJobResponse = z.infer<typeof CompleteJobResponse>;

/** `POST /api/v1/agent/jobs/{id}/release`: hands a claimed job back unrun (it is queued again). */
export const ReleaseJobRequest = LeaseFields.extend({ reason: z.string().min(1).max(200) });
export type ReleaseJobRequest = z.infer<typeof ReleaseJobRequest>;

/** `POST /api/v1/agent/jobs/{id}/watch`: held until the job must stop, or until `waitMs` passed. */
export const WatchJobRequest = LeaseFields.extend({ waitMs: z.number().int().min(0).max(120_000).optional() });
export type WatchJobRequest = z.infer<typeof WatchJobRequest>;

export const WatchJobResponse = z.object({
  /** True when the lease no longer holds: kill the job's processes. */
  cancel: z.boolean(),
  reason: z.string().nullable(),
});
export type WatchJobResponse = z.infer<typeof WatchJobResponse>;
