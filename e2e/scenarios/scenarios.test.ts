// Runs every NN_name.yaml here against an in-process server (a real SQLite store) and a real agent process
// with the dummy executor (steps steered by DUMMY_* env), and checks the build against NN_name.expected.json.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAdmin, createServer, loadConfig, type RitmoServer } from '@ritmo/server';
import { createSystemClock } from '@ritmo/shared';
import { createStore, type Store } from '@ritmo/store';
import {
  ADMIN_TOKEN,
  call,
  ensureBuilt,
  isFinished,
  readBuild,
  registrationToken,
  removeAgent,
  triggerInline,
  startAgent,
  waitFor,
  type AgentProc,
  type Json,
} from '../agents/processes.js';

interface Expected {
  status: string;
  /** Every job of the build by key, with the fields it must have (`steps`: the step statuses in order). */
  jobs: Record<string, { status: string; exitCode?: number; attempt?: number; reason?: string; steps?: string[] }>;
  /** Texts each job's log contains, and texts it must not. */
  logs?: Record<string, string[]>;
  logsWithout?: Record<string, string[]>;
  /** [a, b]: b started only after a finished. */
  order?: [string, string][];
  /** [a, b]: a and b ran at the same time. */
  overlap?: [string, string][];
  /** At most `max` of these jobs ran at any one time. */
  maxConcurrent?: { jobs: string[]; max: number };
}

const DIR = import.meta.dirname;
const names = (await readdir(DIR)).filter((f) => /^\d\d_[\w-]+\.yaml$/.test(f)).map((f) => f.slice(0, -'.yaml'.length)).sort();

const span = (job: Json): [number, number] => [Date.parse(job.startedAt), Date.parse(job.finishedAt)];

/** The most jobs whose [start, finish) intervals overlap at one instant. */
function mostAtOnce(intervals: [number, number][]): number {
  const edges = intervals.flatMap(([s, f]) => [[s, 1] as const, [f, -1] as const]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, delta] of edges) most = Math.max(most, (now += delta));
  return most;
}

describe('e2e scenarios (in-process server, real agent, dummy executor)', () => {
  let dataDir = '';
  let store: Store | undefined;
  let app: RitmoServer | undefined;
  let agent: AgentProc | undefined;
  const server = { url: '' };

  beforeAll(async () => {
    await ensureBuilt();
    dataDir = await mkdtemp(join(tmpdir(), 'ritmo-e2e-scenarios-'));
    const logger = pino({ level: 'silent' });
    store = await createStore({ sqlitePath: join(dataDir, 'ritmo.db'), logger });
    await store.migrate();
    await bootstrapAdmin({ store, logger, adminToken: ADMIN_TOKEN });
    app = createServer({ config: loadConfig({ RITMO_DATA_DIR: dataDir, RITMO_LOG_LEVEL: 'silent' }), store, logger, clock: createSystemClock() });
    server.url = await app.listen({ port: 0, host: '127.0.0.1' });
    agent = await startAgent(server, await registrationToken(server), 'scenario-agent', ['--executor', 'dummy', '--capacity', '4']);
  }, 120_000);
  afterAll(async () => {
    await removeAgent(agent);
    await app?.close();
    await store?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('has at least ten scenarios, each with its expectations', async () => {
    expect(names.length).toBeGreaterThanOrEqual(10);
    const files = await readdir(DIR);
    for (const name of names) expect(files).toContain(`${name}.expected.json`);
  });

  it.each(names)('%s', async (name) => {
    const expected = JSON.parse(await readFile(join(DIR, `${name}.expected.json`), 'utf8')) as Expected;
    const triggered = await triggerInline(server, name.replaceAll('_', '-'), await readFile(join(DIR, `${name}.yaml`), 'utf8'));
    const build = await waitFor(() => readBuild(server, triggered.id), isFinished, 60_000, `${name} to finish`);
    const byKey = new Map<string, Json>(build.jobs.map((j: Json) => [j.key, j]));
    const got = Object.fromEntries(build.jobs.map((j: Json) => [j.key, j.status]));
    const want = Object.fromEntries(Object.entries(expected.jobs).map(([k, v]) => [k, v.status]));
    expect({ status: build.status, jobs: got }, (agent as AgentProc).output().slice(-3000)).toEqual({ status: expected.status, jobs: want });

    for (const [key, fields] of Object.entries(expected.jobs)) {
      const job = byKey.get(key);
      const { steps, ...rest } = fields;
      expect(job, key).toMatchObject(rest);
      if (steps) expect(job.steps.map((s: Json) => s.status), `${key} steps`).toEqual(steps);
    }
    const log = async (key: string): Promise<string> => (await call(server, 'GET', `/api/v1/jobs/${byKey.get(key).id}/log`)).text;
    for (const [key, texts] of Object.entries(expected.logs ?? {})) for (const text of texts) expect(await log(key), `log of ${key}`).toContain(text);
    for (const [key, texts] of Object.entries(expected.logsWithout ?? {})) for (const text of texts) expect(await log(key), `log of ${key}`).not.toContain(text);
    for (const [a, b] of expected.order ?? []) expect(span(byKey.get(b))[0], `${b} after ${a}`).toBeGreaterThanOrEqual(span(byKey.get(a))[1]);
    for (const [a, b] of expected.overlap ?? []) expect(mostAtOnce([span(byKey.get(a)), span(byKey.get(b))]), `${a} with ${b}`).toBe(2);
    if (expected.maxConcurrent) {
      const { jobs, max } = expected.maxConcurrent;
      expect(mostAtOnce(jobs.map((k) => span(byKey.get(k))))).toBe(max);
    }
  }, 90_000);
});
