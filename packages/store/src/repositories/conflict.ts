import { RitmoError } from '@ritmo/shared';

/** A guarded update found the row in another status than the caller expected. */
export function conflict(entity: string, key: Record<string, unknown>, current: string, expected: readonly string[]): RitmoError {
  return new RitmoError('ERR_STORE_CONFLICT', `${entity} is ${current}, expected ${expected.join(' or ') || '(none)'}`, {
    details: { entity, ...key, status: current, expected },
  });
}
