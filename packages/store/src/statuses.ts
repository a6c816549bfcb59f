/**
 * Status words as stored. Job and build statuses are the ones of @ritmo/pipeline's status rules
 * (`pipeline/src/status/job-status.ts`) and DESIGN.md §6; `lost` exists for attempts only.
 */
export type JobStatus = 'pending' | 'waiting' | 'queued' | 'running' | 'success' | 'failure' | 'canceled' | 'skipped';

/** A build is never `pending` or `skipped`: a build whose jobs were all skipped succeeded. */
export type BuildStatus = 'queued' | 'waiting' | 'running' | 'success' | 'failure' | 'canceled';

/** One run of a job on one agent; `lost` when the agent stopped heartbeating past the lease. */
export type AttemptStatus = 'running' | 'success' | 'failure' | 'canceled' | 'lost';

export type StepStatus = JobStatus;

export type ProjectRole = 'admin' | 'maintainer' | 'developer' | 'viewer';

export const PROJECT_ROLES: readonly ProjectRole[] = ['admin', 'maintainer', 'developer', 'viewer'];

export type AgentStatus = 'online' | 'offline';

/** What became of one webhook delivery (the reason is in its `result`). */
export type DeliveryStatus = 'received' | 'accepted' | 'ignored' | 'rejected' | 'duplicate' | 'failed';
