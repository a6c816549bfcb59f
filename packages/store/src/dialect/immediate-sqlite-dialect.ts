import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';

/** Use of the one SQLite connection, in the shape of a pool's numbers. */
export interface SqliteConnectionUse {
  /** Always 1: Kysely serializes everything through a single connection. */
  total: number;
  /** 1 when no query or transaction holds the connection. */
  idle: number;
  /** Queries and transactions waiting for the connection. */
  waiting: number;
}

/**
 * Transactions start with BEGIN IMMEDIATE: the write lock is taken up front, so two processes on the
 * same file serialize instead of failing with SQLITE_BUSY when a reader tries to become a writer.
 * (Inside one process Kysely already serializes everything through its single connection.)
 * The driver also counts who holds and who waits for that connection, for the pool metric.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  #held = false;
  #waiting = 0;

  override async acquireConnection(): Promise<DatabaseConnection> {
    this.#waiting++;
    try {
      const connection = await super.acquireConnection();
      this.#held = true;
      return connection;
    } finally {
      this.#waiting--;
    }
  }

  override async releaseConnection(): Promise<void> {
    this.#held = false;
    await super.releaseConnection();
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  use(): SqliteConnectionUse {
    return { total: 1, idle: this.#held ? 0 : 1, waiting: this.#waiting };
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  #driver: ImmediateSqliteDriver | undefined;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    this.#driver = new ImmediateSqliteDriver(this.#config);
    return this.#driver;
  }

  /** How the connection is used right now (idle before the first query). */
  connectionUse(): SqliteConnectionUse {
    return this.#driver?.use() ?? { total: 1, idle: 1, waiting: 0 };
  }
}
