/**
 * What every failed client call throws: the server's error envelope (`ERR_…` code, message, details,
 * suggestions) with the HTTP status, or a client-side failure (`ERR_CLIENT_NETWORK` when the server
 * could not be reached, `ERR_CLIENT_BAD_RESPONSE` when its answer was not the envelope or JSON it should be).
 */
export class RitmoApiError extends Error {
  readonly code: string;
  /** The HTTP status, or 0 when no answer came. */
  readonly status: number;
  readonly details: unknown;
  readonly suggestions: string[];
  readonly requestId: string | null;

  constructor(code: string, message: string, options: { status: number; details?: unknown; suggestions?: string[]; requestId?: string | null; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RitmoApiError';
    this.code = code;
    this.status = options.status;
    this.details = options.details ?? null;
    this.suggestions = options.suggestions ?? [];
    this.requestId = options.requestId ?? null;
  }
}

export function isRitmoApiError(e: unknown, code?: string): e is RitmoApiError {
  return e instanceof RitmoApiError && (code === undefined || e.code === code);
}
