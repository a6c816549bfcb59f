/**
 * Why a call to the server did not succeed. `unreachable` (network errors, timeouts, 5xx, 429) is
 * worth retrying with the same request; `rejected` (4xx) is the server's answer; `aborted` was us.
 */
export interface CallFailure {
  kind: 'unreachable' | 'rejected' | 'aborted';
  /** HTTP status, or 0 when no answer came. */
  status: number;
  /** The error code of the server's envelope, or ERR_AGENT_SERVER_UNREACHABLE / ERR_AGENT_PROTOCOL. */
  code: string;
  message: string;
  details: unknown;
}

/** The lease no longer holds (canceled, lost, completed ...): the agent stops the job. */
export function isStale(failure: CallFailure): boolean {
  return failure.status === 409 && failure.code === 'ERR_STORE_LEASE_CONFLICT';
}

/** `details.reason` of a lease conflict (`canceled`, `lost` ...), or the code. */
export function staleReason(failure: CallFailure): string {
  const reason = (failure.details as { reason?: unknown } | null)?.reason;
  return typeof reason === 'string' ? reason : failure.code;
}

/** The agent's credentials were refused: it was deleted, or its token is wrong. */
export function isUnauthorized(failure: CallFailure): boolean {
  return failure.status === 401;
}
