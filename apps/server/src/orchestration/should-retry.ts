import type { RetryPolicy } from '@ritmo/pipeline';

/** How a failed attempt ended: `agent-lost` and `timeout` come from leases and limits, else a step failed. */
export interface AttemptFailure {
  reason: string | null;
  exitCode: number | null;
}

/**
 * Whether a failed attempt gets another one under the job's `retry:` policy. A lost agent is retried
 * once even without a policy (the job never got a fair run); `max` caps the extra attempts otherwise.
 */
export function shouldRetry(policy: RetryPolicy, attempt: number, failure: AttemptFailure): boolean {
  const used = attempt - 1;
  const when = new Set(policy.when);
  if (failure.reason === 'agent-lost') {
    const limit = when.has('agent-lost') || when.has('always') ? Math.max(policy.max, 1) : 1;
    return used < limit;
  }
  if (used >= policy.max) return false;
  if (when.has('always')) return true;
  if (failure.reason === 'timeout') return when.has('timeout');
  return when.has('failure') || (failure.exitCode !== null && policy.exitCodes.includes(failure.exitCode));
}
