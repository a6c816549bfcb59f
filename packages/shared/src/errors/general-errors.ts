import type { ErrorSpec } from '../error-catalog.js';

export const generalErrors = {
  ERR_INTERNAL: { status: 500, summary: 'An unexpected failure inside Ritmo; the message and logs carry the cause.' },
  ERR_ABORTED: { status: 499, summary: 'The operation was canceled through its AbortSignal.' },
  ERR_INVALID_ARGUMENT: { status: 400, summary: 'A caller passed a value that breaks a documented precondition.' },
} as const satisfies Record<string, ErrorSpec>;
