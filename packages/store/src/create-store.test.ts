import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from './create-store.js';
import { STORE_KINDS, useTestStore } from './testing/test-stores.js';
import { createTestProject, uniqueName } from './testing/test-plan.js';

describe('createStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ritmo-create-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('needs a SQLite path or a database URL', async () => {
    await expect(createStore({})).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
  });

  it('opens SQLite in WAL mode with full sync, foreign keys and a busy timeout, creating the directory', async () => {
    const store = await createStore({ sqlitePath: join(dir, 'nested', 'data', 'ritmo.db') });
    try {
      const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(store.db)).rows[0] as object)[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('synchronous')).toBe(2);
      expect(await pragma('foreign_keys')).toBe(1);
      expect(Number(await pragma('busy_timeout'))).toBeGreaterThan(0);
      expect(store.dialect).toBe('sqlite');
    } finally {
      await store.close();
    }
  });

  it('fails with ERR_STORE_UNAVAILABLE when the database cannot be opened or reached', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a directory');
    await expect(createStore({ sqlitePath: join(file, 'ritmo.db') })).rejects.toMatchObject({ code: 'ERR_STORE_UNAVAILABLE', status: 503 });
    await expect(createStore({ databaseUrl: 'postgres://postgres@127.0.0.1:1/postgres' })).rejects.toMatchObject({ code: 'ERR_STORE_UNAVAILABLE' });
  });
});

describe.each(STORE_KINDS)('store on %s', (kind) => {
  const t = useTestStore(kind);

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    const kept = uniqueName('kept');
    const dropped = uniqueName('dropped');
    const inside = await t.store.transaction(async (tx) => {
      const p = await tx.projects.createProject({ name: kept });
      return tx.projects.getProject(p.id);
    });
    await expect(
      t.store.transaction(async (tx) => {
        await tx.projects.createProject({ name: dropped });
        expect(await tx.projects.findProjectByName(dropped)).toBeDefined();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');

    expect(await t.store.projects.getProjectByName(kept)).toEqual(inside);
    expect(await t.store.projects.findProjectByName(dropped)).toBeUndefined();
  });

  it('reads timestamps and counters back as numbers', async () => {
    const project = await createTestProject(t.store);
    const build = await t.store.builds.createBuild({ projectId: project.id, event: 'api', trusted: true, plan: { name: 'x', file: 'x', on: { schedule: [] }, env: {}, stages: [], jobs: [] } });
    expect(typeof build.createdAt).toBe('number');
    expect(typeof build.number).toBe('number');
    expect(typeof (await t.store.users.countUsers())).toBe('number');
    // The BIGINT parser belongs to the store's pool; pg's global registry still returns strings.
    expect(pg.types.getTypeParser(20, 'text')('9007199254740993')).toBe('9007199254740993');
    await t.store.ping();
    expect(await t.store.migrationState()).toEqual({ current: true, pending: [] });
    const stats = t.store.poolStats();
    if (kind === 'postgres') expect(stats).toMatchObject({ total: expect.any(Number), idle: expect.any(Number), waiting: 0 });
    else expect(stats).toEqual({ total: 1, idle: 1, waiting: 0 });
  });

  it('reports connections in use and queries waiting for one', async () => {
    let waiter: Promise<number> | undefined;
    const inside = await t.store.transaction(async (tx) => {
      await tx.projects.listProjects();
      // A query outside the transaction waits for it on SQLite (one connection); PostgreSQL lends another.
      waiter = t.store.users.countUsers();
      await new Promise((resolve) => setTimeout(resolve, 20));
      return t.store.poolStats();
    });
    await waiter;
    if (kind === 'sqlite') expect(inside).toEqual({ total: 1, idle: 0, waiting: 1 });
    else expect(inside.total - inside.idle).toBeGreaterThanOrEqual(1);
    expect(t.store.poolStats()).toMatchObject({ waiting: 0 });
  });
});
