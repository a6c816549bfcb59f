/** What every agent write carries: the job, the attempt it runs, and the lease token of that claim. */
export interface LeaseRef {
  jobId: string;
  attempt: number;
  leaseToken: string;
}

/**
 * Why a lease no longer holds:
 * - `lost`: the lease expired (or the first heartbeat never came) and the attempt was given up;
 * - `canceled`: the job or build was canceled; `released`: the agent handed the job back;
 * - `completed`: the attempt already ended with a result (a second completion is this);
 * - `stale-attempt`: a newer attempt of the job exists;
 * - `token-mismatch`: the job runs this attempt under another token; `not-running`: anything else.
 */
export type LeaseConflictReason = 'stale-attempt' | 'lost' | 'canceled' | 'completed' | 'released' | 'token-mismatch' | 'not-running';

/** Attempt reasons the queue writes. */
export const AGENT_LOST = 'agent-lost';
export const FIRST_HEARTBEAT_MISSED = 'first-heartbeat-missed';
/** Prefix of the reason of a released attempt (stored as `canceled`: `released: <why>`). */
export const RELEASED = 'released';
