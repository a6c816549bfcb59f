import type { Kysely } from 'kysely';
import type { DialectName } from './dialect/dialect-name.js';
import type { MigrationReport, MigrationState } from './migrations/run-migrations.js';
import type { Repositories } from './repositories/create-repositories.js';
import type { Queue } from './queue/queue.js';
import type { Database } from './schema/database.js';

/** Database connections: the PostgreSQL pool's, or SQLite's single connection (total 1). */
export interface PoolStats {
  total: number;
  idle: number;
  /** Queries waiting for a free connection. */
  waiting: number;
}

/** The repositories bound to one transaction. */
export interface StoreTransaction extends Repositories {
  /** The job queue, running its operations inside this transaction. */
  readonly queue: Queue;
  readonly dialect: DialectName;
  /** The transaction's Kysely handle, for queries no repository offers yet. */
  readonly db: Kysely<Database>;
}

/** Ritmo's persistence: every repository plus the database's lifecycle. */
export interface Store extends Repositories {
  /** The job queue: claims, leases, fencing and recovery. */
  readonly queue: Queue;
  readonly dialect: DialectName;
  /** The Kysely handle, for queries no repository offers yet (the queue SQL of the agents issue). */
  readonly db: Kysely<Database>;
  /** Applies pending migrations; safe to run concurrently from several processes. */
  migrate(options?: { signal?: AbortSignal }): Promise<MigrationReport>;
  /** Which migrations are pending (readiness: `current` must be true). */
  migrationState(): Promise<MigrationState>;
  /** Connections of the PostgreSQL pool, or SQLite's one connection (total 1), for metrics. */
  poolStats(): PoolStats;
  /** Throws ERR_STORE_UNAVAILABLE when the database does not answer. */
  ping(): Promise<void>;
  /**
   * Runs `fn` in one transaction and commits when it resolves (rolls back when it throws). Use only
   * `tx` inside: on SQLite the store's own repositories wait for the transaction to end.
   */
  transaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  /** Closes the database (the pool on PostgreSQL). */
  close(): Promise<void>;
}
