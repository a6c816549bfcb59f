import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { toError, type Clock } from '@ritmo/shared';
import { createStore, type StoreOptions } from '../create-store.js';
import type { Store } from '../store.js';

/** Every store suite runs once per kind: `describe.each(STORE_KINDS)('... (%s)', (kind) => ...)`. */
export const STORE_KINDS = ['sqlite', 'postgres'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** The admin connection used to create and drop test databases (CI runs PostgreSQL there). */
export const PG_ADMIN_URL = process.env['RITMO_TEST_PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  kind: StoreKind;
  /** What to pass to createStore to reach this database. */
  options: Pick<StoreOptions, 'sqlitePath' | 'databaseUrl'>;
  drop(): Promise<void>;
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  try {
    await client.connect();
  } catch (e: unknown) {
    // Loud on purpose: store tests must run on PostgreSQL too, never silently skip it.
    throw new Error(`PostgreSQL is required for store tests and is not reachable at ${PG_ADMIN_URL}: ${toError(e).message}`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database: a SQLite file in a new temp dir, or a new PostgreSQL database. */
export async function createTestDatabase(kind: StoreKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'ritmo-store-'));
    return {
      kind,
      options: { sqlitePath: join(dir, 'ritmo.db') },
      drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  const name = `ritmo_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    kind,
    options: { databaseUrl: url.toString() },
    drop: async () => {
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export interface TestStore {
  readonly store: Store;
  readonly database: TestDatabase;
}

/**
 * Registers beforeAll/afterAll hooks that give the enclosing describe block its own fresh, migrated
 * store of `kind`, closed and dropped afterwards.
 */
export function useTestStore(kind: StoreKind, options: { clock?: Clock; migrate?: boolean } = {}): TestStore {
  let store: Store | undefined;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    store = await createStore({ ...database.options, clock: options.clock, poolSize: 4 });
    if (options.migrate !== false) await store.migrate();
  }, 30_000);
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  }, 30_000);
  return {
    get store(): Store {
      if (store === undefined) throw new Error('the test store is only available inside tests');
      return store;
    },
    get database(): TestDatabase {
      if (database === undefined) throw new Error('the test database is only available inside tests');
      return database;
    },
  };
}
