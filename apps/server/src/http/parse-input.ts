import type { z } from 'zod';
import { RitmoError } from '@ritmo/shared';

export type InputPart = 'params' | 'query' | 'body';

/**
 * Validates one part of a request. A bad path parameter is an invalid id (ERR_API_INVALID_ID); a bad
 * query or body is ERR_API_VALIDATION, with every issue listed in `details.issues`.
 */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, part: InputPart): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({
    path: [part, ...i.path.map(String)].join('.'),
    code: i.code,
    message: i.message,
    ...('keys' in i ? { keys: i.keys } : {}),
  }));
  const first = issues[0];
  const summary = first ? `${first.path}: ${first.message}` : 'invalid input';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  if (part === 'params') {
    throw new RitmoError('ERR_API_INVALID_ID', `invalid path parameter ${summary}`, { details: { issues } });
  }
  throw new RitmoError('ERR_API_VALIDATION', `invalid ${part}: ${summary}${more}`, {
    details: { issues },
    suggestions: ['see /api/v1/openapi.json for the schema of this route'],
  });
}
