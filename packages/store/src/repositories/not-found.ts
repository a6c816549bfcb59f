import { RitmoError } from '@ritmo/shared';

export function notFound(entity: string, key: Record<string, unknown>): RitmoError {
  const shown = Object.entries(key)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
  return new RitmoError('ERR_STORE_NOT_FOUND', `${entity} not found (${shown})`, { details: { entity, ...key } });
}

/** `get` = `find` + not-found. */
export function required<T>(value: T | undefined, entity: string, key: Record<string, unknown>): T {
  if (value === undefined) throw notFound(entity, key);
  return value;
}
