import { RitmoError, isRitmoError, toError } from '@ritmo/shared';

/** Driver error codes for constraint violations: PostgreSQL SQLSTATE, then better-sqlite3's codes. */
const UNIQUE_CODES = new Set(['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);
const FOREIGN_KEY_CODES = new Set(['23503', 'SQLITE_CONSTRAINT_FOREIGNKEY']);
const CHECK_CODES = new Set(['23514', 'SQLITE_CONSTRAINT_CHECK']);

function driverCode(e: Error): string | undefined {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** PostgreSQL's deadlock_detected and serialization_failure: the transaction was rolled back and may simply run again. */
const TRANSIENT_CODES = new Set(['40P01', '40001']);

export function isTransientDbError(e: unknown): boolean {
  const error = toError(e);
  const code = driverCode(error) ?? (error.cause instanceof Error ? driverCode(error.cause) : undefined);
  return code !== undefined && TRANSIENT_CODES.has(code);
}

export function isUniqueViolation(e: unknown): boolean {
  const code = driverCode(toError(e));
  return code !== undefined && UNIQUE_CODES.has(code);
}

/** Turns constraint violations into catalog errors naming the entity; anything else passes through. */
export function translateDbError(e: unknown, entity: string, key?: Record<string, unknown>): Error {
  const error = toError(e);
  if (isRitmoError(error)) return error;
  const code = driverCode(error);
  if (code !== undefined && UNIQUE_CODES.has(code)) {
    return new RitmoError('ERR_STORE_ALREADY_EXISTS', `${entity} already exists`, { details: { entity, ...key }, cause: error });
  }
  if (code !== undefined && FOREIGN_KEY_CODES.has(code)) {
    return new RitmoError('ERR_STORE_INVALID_REFERENCE', `${entity} refers to a record that does not exist, or is still referred to`, {
      details: { entity, ...key },
      cause: error,
    });
  }
  if (code !== undefined && CHECK_CODES.has(code)) {
    return new RitmoError('ERR_INVALID_ARGUMENT', `${entity} has a value outside its allowed set`, { details: { entity, ...key }, cause: error });
  }
  return error;
}

/** Runs a write and translates constraint violations (see translateDbError). */
export async function withDbErrors<T>(entity: string, key: Record<string, unknown> | undefined, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e: unknown) {
    throw translateDbError(e, entity, key);
  }
}
