import type { RepoContext } from '../repositories/repo-context.js';
import { endAttempt, type EndedAttempt, type RetryDecision } from './end-attempt.js';
import type { LeaseRef } from './lease-ref.js';

export interface FailJobInput extends LeaseRef {
  /** What went wrong outside the steps: `checkout-failed`, `executor-error: ...`, `timeout` ... */
  reason: string;
  exitCode?: number | null;
  /** Retry it as a new attempt? (Default: never; the job ends `failure`.) */
  retry?: RetryDecision;
  now?: number;
}

/** A system failure of the attempt (not a step's result): the attempt and the job end `failure` with `reason`. */
export function failJob(ctx: RepoContext, input: FailJobInput): Promise<EndedAttempt> {
  return endAttempt(ctx, input, {
    status: 'failure',
    exitCode: input.exitCode ?? null,
    reason: input.reason,
    requeue: input.retry,
    now: input.now ?? ctx.clock.now(),
  });
}
