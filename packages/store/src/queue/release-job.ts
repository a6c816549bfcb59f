import type { RepoContext } from '../repositories/repo-context.js';
import { endAttempt, type EndedAttempt } from './end-attempt.js';
import { RELEASED, type LeaseRef } from './lease-ref.js';

export interface ReleaseJobInput extends LeaseRef {
  /** Why the agent hands the job back (`draining`, `shutting-down` ...). */
  reason: string;
  now?: number;
}

/**
 * The agent hands its claim back (draining before the job started, say): the attempt ends `canceled`
 * with reason `released: <reason>` and the job is `queued` again. It is not a retry: released
 * attempts count toward no retry budget.
 */
export function releaseJob(ctx: RepoContext, input: ReleaseJobInput): Promise<EndedAttempt> {
  return endAttempt(ctx, input, {
    status: 'canceled',
    exitCode: null,
    reason: `${RELEASED}: ${input.reason}`,
    requeue: 'always',
    now: input.now ?? ctx.clock.now(),
  });
}
