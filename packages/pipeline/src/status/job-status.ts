/**
 * Status of a job or step.
 * - `pending`: created, not decided yet (needs unfinished, or held back by max-parallel).
 * - `waiting`: runnable but held for a manual approval (environments); the server moves it on.
 * - `queued`: runnable, waiting for an agent. `running`: claimed and executing.
 * - `success`, `failure`, `canceled`, `skipped`: final.
 */
export type JobStatus = 'pending' | 'waiting' | 'queued' | 'running' | 'success' | 'failure' | 'canceled' | 'skipped';

/** A build never is `pending` or `skipped`: a build whose jobs were all skipped succeeded. */
export type BuildStatus = 'queued' | 'waiting' | 'running' | 'success' | 'failure' | 'canceled';

export type FinalStatus = 'success' | 'failure' | 'canceled' | 'skipped';

export const FINAL_STATUSES: readonly FinalStatus[] = ['success', 'failure', 'canceled', 'skipped'];

export function isFinalStatus(status: string): status is FinalStatus {
  return status === 'success' || status === 'failure' || status === 'canceled' || status === 'skipped';
}

/** A job or step as the status rules see it. */
export interface StatusPart {
  status: JobStatus;
  continueOnError: boolean;
}

/** True when the part ended in a way that fails its parent: failure without continue-on-error. */
export function failsParent(part: StatusPart): boolean {
  return part.status === 'failure' && !part.continueOnError;
}
