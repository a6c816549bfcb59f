import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { toError, type Logger } from '@ritmo/shared';
import type { Database } from '../schema/database.js';

const INT8_OID = 20;

export interface PostgresOptions {
  /** Connections in the pool (default 10). */
  poolSize?: number;
  logger: Logger;
}

/**
 * A pg Pool whose BIGINT columns read back as numbers (timestamps in ms and byte offsets stay far
 * below 2^53). The parser is set on this pool only, not on pg's global type registry.
 */
export function openPostgres(databaseUrl: string, options: PostgresOptions): { db: Kysely<Database>; pool: pg.Pool } {
  const getTypeParser = ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10, types: { getTypeParser } });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', (e: unknown) => {
    options.logger.warn({ err: toError(e).message }, 'idle PostgreSQL connection failed');
  });
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), pool };
}
