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

interface BuildExpectation {
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

interface Expected extends BuildExpectation {
  /**
   * More builds of the same pipeline in the same project (concurrency groups), triggered in turn, each
   * once job `after` runs (`"0:work"`: job work of the first build); `createdAs` is the status the
   * trigger answered with.
   */
  next?: (BuildExpectation & { after: string; createdAs: string })[];
  /** [a, b] across builds (`"1:work"` is job work of the second build): b started only after a finished. */
  orderAcross?: [string, string][];
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

  /** `"1:work"` -> job work of the second build. */
  const jobAt = (builds: readonly Json[], ref: string): Json => {
    const [index, key] = ref.split(':');
    return builds[Number(index)]?.jobs.find((j: Json) => j.key === key);
  };

  it.each(names)('%s', async (name) => {
    const expected = JSON.parse(await readFile(join(DIR, `${name}.expected.json`), 'utf8')) as Expected;
    const project = name.replaceAll('_', '-');
    const triggered = [await triggerInline(server, project, await readFile(join(DIR, `${name}.yaml`), 'utf8'))];
    for (const next of expected.next ?? []) {
      const [index, key] = next.after.split(':');
      const id = triggered[Number(index)]?.id;
      await waitFor(() => readBuild(server, id), (b) => b.jobs.some((j: Json) => j.key === key && j.status === 'running'), 30_000, `${next.after} to run`);
      const res = await call(server, 'POST', `/api/v1/projects/${project}/builds`, {});
      expect(res.status, res.text).toBe(201);
      expect(res.json.status, `build ${triggered.length} as created`).toBe(next.createdAs);
      triggered.push(res.json);
    }
    const builds = [];
    for (const [i, b] of triggered.entries()) builds.push(await waitFor(() => readBuild(server, b.id), isFinished, 60_000, `${name} build ${i} to finish`));
    await checkBuild(builds[0], expected);
    for (const [i, next] of (expected.next ?? []).entries()) await checkBuild(builds[i + 1], next);
    for (const [a, b] of expected.orderAcross ?? []) expect(span(jobAt(builds, b))[0], `${b} after ${a}`).toBeGreaterThanOrEqual(span(jobAt(builds, a))[1]);
  }, 90_000);

  async function checkBuild(build: Json, expected: BuildExpectation): Promise<void> {
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
  }
});
