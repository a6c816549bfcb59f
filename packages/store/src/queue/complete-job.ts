import type { RepoContext } from '../repositories/repo-context.js';
import { endAttempt, type EndedAttempt, type RetryDecision } from './end-attempt.js';
import type { LeaseRef } from './lease-ref.js';

export interface CompleteJobInput extends LeaseRef {
  /** The result the agent reports for the attempt. */
  status: 'success' | 'failure' | 'canceled';
  exitCode: number | null;
  outputs?: Record<string, string>;
  /** `timeout`, or a short cause; null for a plain result. */
  reason?: string | null;
  /** For a failure: retry it as a new attempt? (Default: never; the job ends `failure`.) */
  retry?: RetryDecision;
  now?: number;
}

/**
 * The agent's result for its attempt: the attempt ends with `status`, and so does the job (unless a
 * failure is retried). Throws ERR_STORE_LEASE_CONFLICT when the lease no longer holds, including for
 * a second completion of the same attempt (`reason: completed`).
 */
export function completeJob(ctx: RepoContext, input: CompleteJobInput): Promise<EndedAttempt> {
  return endAttempt(ctx, input, {
    status: input.status,
    exitCode: input.exitCode,
    reason: input.reason ?? null,
    outputs: input.outputs,
    requeue: input.retry,
    now: input.now ?? ctx.clock.now(),
  });
}
