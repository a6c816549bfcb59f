import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import { RitmoError, toError } from '@ritmo/shared';
import type { Database } from '../schema/database.js';
import { ImmediateSqliteDialect, type SqliteConnectionUse } from './immediate-sqlite-dialect.js';

export interface SqliteOptions {
  /** How long a writer waits for another process's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed) the SQLite file in WAL mode with full fsync and foreign keys on.
 * `connectionUse` tells whether the one connection is busy and how many queries wait for it.
 */
export function openSqlite(path: string, options: SqliteOptions = {}): { db: Kysely<Database>; connectionUse: () => SqliteConnectionUse } {
  let sqlite: BetterSqlite3.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    sqlite = new BetterSqlite3(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
  } catch (e: unknown) {
    const error = toError(e);
    throw new RitmoError('ERR_STORE_UNAVAILABLE', `cannot open SQLite database ${path}: ${error.message}`, {
      details: { path },
      cause: error,
    });
  }
  const dialect = new ImmediateSqliteDialect({ database: sqlite });
  return { db: new Kysely<Database>({ dialect }), connectionUse: () => dialect.connectionUse() };
}
