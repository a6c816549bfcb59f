import type { z } from 'zod';
import { RitmoError } from '@ritmo/shared';

/** Reads the fields Ritmo needs from a payload; ERR_HOOK_MALFORMED_PAYLOAD naming the first bad field otherwise. */
export function payloadFields<T>(schema: z.ZodType<T>, payload: unknown, event: string): T {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unexpected shape';
  throw new RitmoError('ERR_HOOK_MALFORMED_PAYLOAD', `the ${event} payload does not have the expected fields (${where})`, {
    details: { issues: result.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), message: i.message })) },
  });
}
