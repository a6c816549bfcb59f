import type { Kysely } from 'kysely';
import type { Clock } from '@ritmo/shared';
import type { DialectName } from '../dialect/dialect-name.js';
import type { Database } from '../schema/database.js';

/** What every repository is built from: a database handle (the pool or one transaction) and time. */
export interface RepoContext {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  readonly clock: Clock;
  /** Runs `fn` in a transaction; when the context already is one, runs it in that transaction. */
  inTransaction<T>(fn: (ctx: RepoContext) => Promise<T>): Promise<T>;
}

export function createRootContext(db: Kysely<Database>, dialect: DialectName, clock: Clock): RepoContext {
  const ctx: RepoContext = {
    db,
    dialect,
    clock,
    inTransaction: (fn) => db.transaction().execute((trx) => fn(createTransactionContext(trx, dialect, clock))),
  };
  return ctx;
}

export function createTransactionContext(trx: Kysely<Database>, dialect: DialectName, clock: Clock): RepoContext {
  const ctx: RepoContext = { db: trx, dialect, clock, inTransaction: (fn) => fn(ctx) };
  return ctx;
}
