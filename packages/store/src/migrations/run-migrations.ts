import { Migrator, sql, type Kysely, type MigrationProvider } from 'kysely';
import { RitmoError, toError, type Logger } from '@ritmo/shared';
import type { DialectName } from '../dialect/dialect-name.js';
import type { Database } from '../schema/database.js';
import { migrations } from './migrations.js';

/** A fixed key for pg_advisory_lock ("ritmo" in ASCII), so migrating servers queue behind each other. */
const PG_MIGRATION_LOCK_KEY = 0x7269746d6f;

export interface MigrationReport {
  /** Names of the migrations this call applied, in order (empty when the schema was current). */
  applied: string[];
}

export interface MigrationState {
  current: boolean;
  pending: string[];
}

function createMigrator(db: Kysely<Database>, dialect: DialectName): Migrator {
  const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations(dialect)) };
  return new Migrator({
    db,
    provider,
    migrationTableName: 'ritmo_migrations',
    migrationLockTableName: 'ritmo_migrations_lock',
  });
}

async function migrateToLatest(db: Kysely<Database>, dialect: DialectName): Promise<MigrationReport> {
  const { error, results = [] } = await createMigrator(db, dialect).migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName;
    const cause = toError(error);
    throw new RitmoError('ERR_STORE_MIGRATION_FAILED', `migration ${failed ?? '(setup)'} failed: ${cause.message}`, {
      details: { migration: failed, results },
      cause,
    });
  }
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/**
 * Brings the schema to the latest migration; safe to call from many processes at once. The whole run,
 * including the creation of the bookkeeping tables, happens on one connection under one lock: a
 * session advisory lock on PostgreSQL (each migration then runs in its own transaction), and one
 * BEGIN IMMEDIATE transaction on SQLite (Kysely runs SQLite migrations without a transaction, and
 * SQLite DDL is transactional, so a failed run leaves nothing behind).
 */
export async function runMigrations(
  db: Kysely<Database>,
  dialect: DialectName,
  options: { logger: Logger; signal?: AbortSignal },
): Promise<MigrationReport> {
  if (options.signal?.aborted) throw new RitmoError('ERR_ABORTED', 'migration aborted before it started');
  const report =
    dialect === 'postgres'
      ? await db.connection().execute(async (conn) => {
          await sql`select pg_advisory_lock(${sql.lit(PG_MIGRATION_LOCK_KEY)})`.execute(conn);
          try {
            return await migrateToLatest(conn, dialect);
          } finally {
            await sql`select pg_advisory_unlock(${sql.lit(PG_MIGRATION_LOCK_KEY)})`.execute(conn);
          }
        })
      : await db.connection().execute(async (conn) => {
          await sql`begin immediate`.execute(conn);
          try {
            const result = await migrateToLatest(conn, dialect);
            await sql`commit`.execute(conn);
            return result;
          } catch (e: unknown) {
            await sql`rollback`.execute(conn);
            throw toError(e);
          }
        });
  if (report.applied.length > 0) options.logger.info({ applied: report.applied }, 'database migrated');
  return report;
}

/** Which migrations have not run yet (for readiness checks). */
export async function readMigrationState(db: Kysely<Database>, dialect: DialectName): Promise<MigrationState> {
  const all = await createMigrator(db, dialect).getMigrations();
  const pending = all.filter((m) => m.executedAt === undefined).map((m) => m.name);
  return { current: pending.length === 0, pending };
}
