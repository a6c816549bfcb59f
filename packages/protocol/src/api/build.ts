import { z } from 'zod';
import { BuildStatus, Cursor, Id, Timestamp } from './common.js';
import { Job } from './job.js';

export const InputValue = z.union([z.string().max(4096), z.number(), z.boolean()]);
export type InputValue = z.infer<typeof InputValue>;

export const Build = z.object({
  id: Id,
  projectId: Id,
  /** Per project, from 1, without gaps. */
  number: z.number().int(),
  status: BuildStatus,
  /** What started it: `manual`, `api`, `push`, `pull_request`, `schedule`, `upstream`, `retry`. */
  event: z.string(),
  ref: z.string().nullable(),
  sha: z.string().nullable(),
  branch: z.string().nullable(),
  tag: z.string().nullable(),
  /** Commit message or a note given at trigger time. */
  message: z.string().nullable(),
  /** The user who triggered it (id), or null for webhooks and schedules. */
  actor: z.string().nullable(),
  inputs: z.record(z.string(), InputValue),
  pipelineName: z.string(),
  /** The build this one retries, if any. */
  retryOf: Id.nullable(),
  /** Why the build failed before any job ran (e.g. its pipeline could not be read), else null. */
  error: z.string().nullable(),
  canceledBy: z.string().nullable(),
  createdAt: Timestamp,
  startedAt: Timestamp.nullable(),
  finishedAt: Timestamp.nullable(),
});
export type Build = z.infer<typeof Build>;

export const BuildDetail = Build.extend({ jobs: z.array(Job) });
export type BuildDetail = z.infer<typeof BuildDetail>;

export const TriggerBuildRequest = z.strictObject({
  ref: z.string().min(1).max(255).optional(),
  sha: z.string().regex(/^[0-9a-f]{7,64}$/, 'must be a hex commit sha').optional(),
  inputs: z.record(z.string().max(128), InputValue).optional(),
  /** Inline YAML for this build only (overrides the project's pipeline). */
  pipeline: z.string().max(1024 * 1024).optional(),
});
export type TriggerBuildRequest = z.infer<typeof TriggerBuildRequest>;

export const ListBuildsQuery = z.strictObject({
  project: z.string().min(1).max(64).optional(),
  status: BuildStatus.optional(),
  branch: z.string().min(1).max(255).optional(),
  /** Username or user id of the user who triggered the builds. */
  actor: z.string().min(1).max(64).optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListBuildsQuery = z.infer<typeof ListBuildsQuery>;

/** Retry the whole build (no body or `{}`), or one job and the jobs that depend on it. */
export const RetryBuildRequest = z.strictObject({ job: Id.optional() });
export type RetryBuildRequest = z.infer<typeof RetryBuildRequest>;
