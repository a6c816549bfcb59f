import type { ErrorSpec } from '../error-catalog.js';

/** Codes raised by @ritmo/client when the answer it needs never came or was not what the API sends. */
export const clientErrors = {
  ERR_CLIENT_NETWORK: { status: 503, summary: 'The client could not reach the server (connection refused, DNS, TLS or a dropped connection); the error has status 0.' },
  ERR_CLIENT_BAD_RESPONSE: { status: 502, summary: 'The server (or a proxy in front of it) answered with something other than the API\'s JSON or error envelope.' },
} as const satisfies Record<string, ErrorSpec>;
