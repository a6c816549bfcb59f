import { errorCatalog, type ErrorCode } from './error-catalog.js';

export interface RitmoErrorOptions {
  details?: unknown;
  suggestions?: string[];
  cause?: unknown;
}

/** A system failure with a stable code from the catalog. User mistakes in pipelines are diagnostics, not errors. */
export class RitmoError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  readonly suggestions: string[];

  constructor(code: ErrorCode, message: string, options: RitmoErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RitmoError';
    this.code = code;
    this.status = errorCatalog[code].status;
    this.details = options.details;
    this.suggestions = options.suggestions ?? [];
  }

  toJSON(): { error: ErrorCode; message: string; details: unknown; suggestions: string[] } {
    return { error: this.code, message: this.message, details: this.details, suggestions: this.suggestions };
  }
}

export function isRitmoError(e: unknown, code?: ErrorCode): e is RitmoError {
  return e instanceof RitmoError && (code === undefined || e.code === code);
}
