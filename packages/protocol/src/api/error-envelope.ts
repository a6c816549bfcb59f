import { z } from 'zod';
import { Timestamp } from './common.js';

/** The body of every error answer (DESIGN.md §6). `error` is a stable `ERR_…` code from docs/errors.md. */
export const ErrorEnvelope = z.object({
  error: z.string().regex(/^ERR_[A-Z0-9_]+$/),
  message: z.string(),
  /** Structured facts about the failure (e.g. validation issues, diagnostics), or null. */
  details: z.unknown(),
  suggestions: z.array(z.string()),
  timestamp: Timestamp,
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;
