import { RitmoError, isRitmoError, type ErrorCode } from '@ritmo/shared';
import type { ErrorEnvelope } from '@ritmo/protocol';

/** Fastify's own error codes, mapped to ours. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'ERR_API_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'ERR_API_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_JSON_BODY: 'ERR_API_MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'ERR_API_MALFORMED_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'ERR_API_BAD_REQUEST',
  FST_ERR_VALIDATION: 'ERR_API_VALIDATION',
  FST_ERR_NOT_FOUND: 'ERR_API_ROUTE_NOT_FOUND',
  FST_ERR_BAD_URL: 'ERR_API_BAD_REQUEST',
  FST_ERR_ASYNC_CONSTRAINT: 'ERR_API_BAD_REQUEST',
};

interface HttpishError extends Error {
  code?: string;
  statusCode?: number;
}

/**
 * Turns anything thrown while serving a request into a RitmoError with a catalog code. Unknown
 * failures become ERR_INTERNAL; their message is kept for the log, not for the client.
 */
export function toRitmoError(error: Error): RitmoError {
  if (isRitmoError(error)) return error;
  const e = error as HttpishError;
  const mapped = e.code === undefined ? undefined : fastifyCodes[e.code];
  if (mapped) return new RitmoError(mapped, e.message, { cause: e });
  const status = e.statusCode ?? 500;
  if (e instanceof SyntaxError && status === 400) return new RitmoError('ERR_API_MALFORMED_JSON', e.message, { cause: e });
  if (status === 429) return new RitmoError('ERR_API_RATE_LIMITED', e.message, { cause: e });
  if (status === 404) return new RitmoError('ERR_API_ROUTE_NOT_FOUND', e.message, { cause: e });
  if (status === 413) return new RitmoError('ERR_API_BODY_TOO_LARGE', e.message, { cause: e });
  if (status === 415) return new RitmoError('ERR_API_UNSUPPORTED_MEDIA_TYPE', e.message, { cause: e });
  if (status >= 400 && status < 500) return new RitmoError('ERR_API_BAD_REQUEST', e.message, { cause: e });
  return new RitmoError('ERR_INTERNAL', 'internal error; the server log has the details', { cause: e });
}

export function toErrorEnvelope(error: RitmoError, now: number): ErrorEnvelope {
  return {
    error: error.code,
    message: error.message,
    details: error.details ?? null,
    suggestions: error.suggestions,
    timestamp: new Date(now).toISOString(),
  };
}
