import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../create-store.js';
import type { Store } from '../store.js';
import { STORE_KINDS, createTestDatabase, type TestDatabase } from '../testing/test-stores.js';
import { migrations } from './migrations.js';

const ALL = Object.keys(migrations('sqlite')).sort();

const TABLES = [
  'users',
  'api_tokens',
  'sessions',
  'projects',
  'project_members',
  'secrets',
  'audit_events',
  'agents',
  'agent_registration_tokens',
  'pipelines',
  'builds',
  'jobs',
  'job_attempts',
  'steps',
  'log_chunks',
  'webhook_deliveries',
  'schedules',
  'artifacts',
  'promotions',
  'environments',
  'deployments',
  'caches',
  'concurrency_locks',
];

describe.each(STORE_KINDS)('migrations on %s', (kind) => {
  const opened: Store[] = [];
  let database: TestDatabase | undefined;

  async function open(): Promise<Store> {
    database ??= await createTestDatabase(kind);
    const store = await createStore({ ...database.options, poolSize: 3 });
    opened.push(store);
    return store;
  }

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await database?.drop();
    database = undefined;
  });

  it('creates every table on an empty database', async () => {
    const store = await open();
    expect(await store.migrationState()).toEqual({ current: false, pending: ALL });

    const report = await store.migrate();

    expect(report.applied).toEqual(ALL);
    expect(await store.migrationState()).toEqual({ current: true, pending: [] });
    const tables = (await store.db.introspection.getTables()).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(TABLES));
  });

  it('is idempotent: a second run applies nothing and keeps the data', async () => {
    const store = await open();
    await store.migrate();
    const project = await store.projects.createProject({ name: 'kept' });

    expect((await store.migrate()).applied).toEqual([]);
    expect((await store.migrate()).applied).toEqual([]);
    expect(await store.projects.getProject(project.id)).toEqual(project);
  });

  // PostgreSQL: several pools, as several server instances would. SQLite has one server instance,
  // whose concurrent calls share its connection (one process blocking on another's file lock is
  // what busy_timeout handles).
  it('lets concurrent migrations run; exactly one applies each migration', async () => {
    const first = await open();
    const stores = kind === 'postgres' ? [first, await open(), await open(), await open()] : [first, first, first];

    const reports = await Promise.all(stores.map((s) => s.migrate()));

    const applied = reports.flatMap((r) => r.applied).sort();
    expect(applied).toEqual(ALL);
    for (const s of stores) expect(await s.migrationState()).toEqual({ current: true, pending: [] });
  });

  it('refuses to start when aborted', async () => {
    const store = await open();
    await expect(store.migrate({ signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    expect((await store.migrationState()).current).toBe(false);
  });
});
