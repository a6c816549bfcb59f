import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent, LogLinesEvent } from '@ritmo/protocol';
import { createSystemClock } from '@ritmo/shared';
import { useTestStore } from '@ritmo/store/testing';
import { bootstrapAdmin } from '../auth/bootstrap-admin.js';
import { loadConfig } from '../config.js';
import { createServer, type RitmoServer } from '../create-server.js';
import { ADMIN_TOKEN } from '../testing/test-server.js';
import { collectSse, readSse } from '../testing/test-sse.js';
import { createPostgresHub } from './create-postgres-hub.js';
import { buildTopic } from './event-hub.js';

describe('two server instances on one PostgreSQL', () => {
  const db = useTestStore('postgres');
  const logger = pino({ level: 'silent' });
  const dir = mkdtempSync(join(tmpdir(), 'ritmo-hub-'));
  let a: RitmoServer;
  let b: RitmoServer;
  let baseA: string;
  const abort = new AbortController();

  const start = async (): Promise<RitmoServer> => {
    const url = db.database.options.databaseUrl ?? '';
    const hub = await createPostgresHub({ databaseUrl: url, logger });
    const app = createServer({ config: loadConfig({ RITMO_DATA_DIR: dir }), store: db.store, logger, clock: createSystemClock(), hub });
    await app.ready();
    return app;
  };

  beforeAll(async () => {
    await bootstrapAdmin({ store: db.store, logger, adminToken: ADMIN_TOKEN });
    a = await start();
    b = await start();
    baseA = await a.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    abort.abort();
    await Promise.all([a?.close(), b?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers status changes and log lines written through B to a client of A', async () => {
    const headers = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
    await b.inject({ method: 'POST', url: '/api/v1/projects', headers, payload: { name: 'shared', pipeline: 'jobs:\n  a:\n    steps:\n      - run: "true"\n' } });
    const build = (await b.inject({ method: 'POST', url: '/api/v1/projects/shared/builds', headers, payload: {} })).json() as { id: string; jobs: { id: string }[] };
    const jobId = build.jobs[0]!.id;

    const res = await fetch(`${baseA}/api/v1/builds/${build.id}/events`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, signal: abort.signal });
    const stream = readSse(res);
    await collectSse(stream, (m) => m.event.type === 'job.status');

    const big = `${'x'.repeat(9000)}\n${'é'.repeat(3000)}\n`;
    await b.ritmo.orchestrator.startJob(jobId, null);
    await b.ritmo.orchestrator.appendLog(jobId, 1, 0, Buffer.from(big));
    await b.ritmo.orchestrator.finishJob(jobId, { attempt: 1, status: 'success', exitCode: 0 });
    const got = await collectSse(stream, (m) => m.event.type === 'build.finished');
    const events = got.map((m) => m.event);
    expect(events.filter((e) => e.type === 'job.status').map((e) => (e as Extract<LiveEvent, { type: 'job.status' }>).status)).toEqual(['running', 'success']);
    const logs = events.filter((e): e is LogLinesEvent => e.type === 'log.lines');
    expect(logs.length).toBeGreaterThan(1);
    expect(logs.map((e) => e.text).join('')).toBe(big);
    expect(events.at(-1)).toMatchObject({ type: 'build.finished', build: { status: 'success' } });
  });
});

describe('the PostgreSQL hub under concurrent publishes', () => {
  const db = useTestStore('postgres');
  const logger = pino({ level: 'silent' });

  it('sends NOTIFYs one at a time: no overlapping queries, every event delivered in publish order', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(w.message);
    process.on('warning', onWarning);
    const hub = await createPostgresHub({ databaseUrl: db.database.options.databaseUrl ?? '', logger });
    try {
      const got: number[] = [];
      const topic = buildTopic('b_concurrent');
      hub.subscribe(topic, (e) => {
        if (e.type === 'build.status') got.push(Date.parse(e.at));
      });
      const count = 200;
      const at = (i: number): string => new Date(1_700_000_000_000 + i).toISOString();
      await Promise.all(Array.from({ length: count }, (_, i) => hub.publish(topic, { type: 'build.status', buildId: 'b_concurrent', projectId: 'p_x', status: 'running', at: at(i) })));
      const until = Date.now() + 10_000;
      while (got.length < count && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(got).toEqual(Array.from({ length: count }, (_, i) => 1_700_000_000_000 + i));
      expect(warnings.filter((w) => w.includes('already executing'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await hub.close();
    }
  });

  it('publishes again after its connections were cut by the database', async () => {
    const url = db.database.options.databaseUrl ?? '';
    const hub = await createPostgresHub({ databaseUrl: url, logger });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const got: string[] = [];
      const topic = buildTopic('b_reconnect');
      hub.subscribe(topic, (e) => {
        if (e.type === 'build.status') got.push(e.at);
      });
      const send = (at: string) => hub.publish(topic, { type: 'build.status', buildId: 'b_reconnect', projectId: 'p_x', status: 'running', at });
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      const until = Date.now() + 15_000;
      let n = 0;
      while (got.length === 0 && Date.now() < until) {
        await send(new Date(1_700_000_000_000 + n++).toISOString()).catch(() => undefined);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(got.length).toBeGreaterThan(0);
    } finally {
      await admin.end();
      await hub.close();
    }
  });
});
