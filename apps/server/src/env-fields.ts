import { z } from 'zod';
import { parseDuration } from '@ritmo/shared';

function toMs(text: string, ctx: z.RefinementCtx): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration such as 500ms, 30s, 10m, 24h or 30d` });
    return z.NEVER;
  }
  return ms;
}

/** A `RITMO_*` duration (`90s`, `10m`, `7d`) in milliseconds, with a default. */
export const durationField = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => toMs(text, ctx));

/** A `RITMO_*` duration in milliseconds, undefined when unset or empty (the caller's default applies). */
export const optionalDurationField = () =>
  z
    .string()
    .optional()
    .transform((text, ctx) => (text === undefined || text === '' ? undefined : toMs(text, ctx)));
