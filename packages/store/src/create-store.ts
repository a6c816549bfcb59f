import { sql, type Kysely } from 'kysely';
import { RitmoError, createSilentLogger, createSystemClock, toError, type Clock, type Logger } from '@ritmo/shared';
import type { DialectName } from './dialect/dialect-name.js';
import { openPostgres } from './dialect/open-postgres.js';
import { openSqlite } from './dialect/open-sqlite.js';
import { readMigrationState, runMigrations } from './migrations/run-migrations.js';
import { createQueue } from './queue/queue.js';
import { createRepositories } from './repositories/create-repositories.js';
import { createRootContext, createTransactionContext } from './repositories/repo-context.js';
import type { Database } from './schema/database.js';
import type { PoolStats, Store } from './store.js';

export interface StoreOptions {
  /** SQLite file (created with its directory if missing); used when `databaseUrl` is not given. */
  sqlitePath?: string;
  /** `postgres://...`: PostgreSQL through a pg Pool. */
  databaseUrl?: string;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  logger?: Logger;
  clock?: Clock;
}

interface Opened {
  db: Kysely<Database>;
  dialect: DialectName;
  poolStats: () => PoolStats;
}

function open(options: StoreOptions, logger: Logger): Opened {
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
    const { db, pool } = openPostgres(options.databaseUrl, { poolSize: options.poolSize, logger });
    return { db, dialect: 'postgres', poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }) };
  }
  if (options.sqlitePath !== undefined && options.sqlitePath !== '') {
    const { db, connectionUse } = openSqlite(options.sqlitePath);
    return { db, dialect: 'sqlite', poolStats: connectionUse };
  }
  throw new RitmoError('ERR_INVALID_ARGUMENT', 'createStore needs sqlitePath or databaseUrl');
}

/**
 * Opens the database and checks that it answers (ERR_STORE_UNAVAILABLE otherwise). It does not
 * migrate: call `store.migrate()` (the server does at start-up).
 */
export async function createStore(options: StoreOptions): Promise<Store> {
  const logger = options.logger ?? createSilentLogger();
  const clock = options.clock ?? createSystemClock();
  const { db, dialect, poolStats } = open(options, logger);
  const root = createRootContext(db, dialect, clock);

  const store: Store = {
    ...createRepositories(root),
    queue: createQueue(root),
    dialect,
    db,
    migrate: (opts = {}) => runMigrations(db, dialect, { logger, signal: opts.signal }),
    migrationState: () => readMigrationState(db, dialect),
    poolStats,
    async ping() {
      try {
        await sql`select 1`.execute(db);
      } catch (e: unknown) {
        const error = toError(e);
        throw new RitmoError('ERR_STORE_UNAVAILABLE', `database unavailable: ${error.message}`, { cause: error });
      }
    },
    transaction: (fn) =>
      db.transaction().execute((trx) => {
        const ctx = createTransactionContext(trx, dialect, clock);
        return fn({ ...createRepositories(ctx), queue: createQueue(ctx), dialect, db: trx });
      }),
    close: () => db.destroy(),
  };
  try {
    await store.ping();
  } catch (e: unknown) {
    await db.destroy();
    throw toError(e);
  }
  return store;
}
