import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ritmo/store/testing';
import { shouldTestWith } from '../../packages/runner/src/testing/should-test-with.js';
import { printedStream, sha256, stepOutputOf, type PrintedStream } from '../agents/printed-stream.js';
import {
  alive,
  call,
  ensureBuilt,
  isFinished,
  readBuild,
  registrationToken,
  removeAgent,
  removeServer,
  startAgent,
  startServer,
  triggerInline,
  waitFor,
  type AgentProc,
  type Json,
  type ServerProc,
} from '../agents/processes.js';
import { freePort, startHaproxy, type Balancer } from './start-haproxy.js';

const WAVE = 6;
const indent = (text: string, spaces: number): string => text.split('\n').join(`\n${' '.repeat(spaces)}`);

/** `WAVE` jobs that each note their run and print a known stream for a few seconds, and one job after them all. */
function pipeline(dir: string, streams: PrintedStream[]): string {
  const jobs = streams.map(
    (stream, i) => `  s${i}:\n    steps:\n      - name: stream\n        run: |\n          echo "$RITMO_JOB_NAME" >> "${dir}/ran"\n          ${indent(stream.script, 10)}\n`,
  );
  const names = streams.map((_, i) => `s${i}`).join(', ');
  return `jobs:\n${jobs.join('')}  after:\n    needs: [${names}]\n    steps:\n      - run: echo "$RITMO_JOB_NAME" >> "${dir}/ran"\n`;
}

describe.skipIf(!shouldTestWith('haproxy'))('two server instances on one PostgreSQL behind haproxy, one killed (kill -9) mid-build', () => {
  let db: TestDatabase | undefined;
  const servers: ServerProc[] = [];
  const agents: AgentProc[] = [];
  let balancer: Balancer | undefined;
  let dir = '';

  beforeAll(async () => {
    await ensureBuilt();
    dir = await mkdtemp(join(tmpdir(), 'ritmo-e2e-multi-'));
    db = await createTestDatabase('postgres');
    const port = await freePort();
    const env = {
      RITMO_DATABASE_URL: db.options.databaseUrl ?? '',
      // Every instance must share the key: secrets, and the job tokens another instance issued.
      RITMO_SECRET_KEY: randomBytes(32).toString('hex'),
      RITMO_TRUST_PROXY: '1',
      RITMO_PUBLIC_URL: `http://127.0.0.1:${port}`,
    };
    servers.push(await startServer(env), await startServer(env));
    balancer = await startHaproxy(port, [servers[0]?.url ?? '', servers[1]?.url ?? '']);
    const token = await registrationToken(balancer);
    for (const name of ['lb-agent-1', 'lb-agent-2']) agents.push(await startAgent(balancer, token, name, ['--executor', 'host', '--capacity', '3']));
  }, 120_000);
  afterAll(async () => {
    for (const a of agents) await removeAgent(a);
    await balancer?.stop();
    for (const s of servers) await removeServer(s);
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('lets the agents carry on through the other instance: every job runs once, every log is whole', async () => {
    const lb = balancer as Balancer;
    const streams = Array.from({ length: WAVE }, (_, i) => printedStream(dir, `s${i}`, 12, 400, 0.5));
    const build = await triggerInline(lb, 'e2e-multi', pipeline(dir, streams));
    await waitFor(() => readBuild(lb, build.id), (b: Json) => b.jobs.filter((j: Json) => j.status === 'running' && j.logSize > 0).length === WAVE, 60_000, 'every first job to print');

    const [doomed, survivor] = servers as [ServerProc, ServerProc];
    process.kill(doomed.pid, 'SIGKILL');
    await doomed.exited;

    const done = await waitFor(() => readBuild(lb, build.id), isFinished, 120_000, 'the build to finish');
    expect(done.status, agents.map((a) => a.output()).join('\n')).toBe('success');
    expect(done.jobs.map((j: Json) => [j.key, j.status, j.attempt])).toEqual([...streams.map((_, i) => [`s${i}`, 'success', 1]), ['after', 'success', 1]]);
    const ran = (await readFile(join(dir, 'ran'), 'utf8')).trim().split('\n').sort();
    expect(ran).toEqual([...streams.map((_, i) => `s${i}`), 'after'].sort());
    for (const [i, stream] of streams.entries()) {
      const job = done.jobs.find((j: Json) => j.key === `s${i}`);
      const log = (await call(lb, 'GET', `/api/v1/jobs/${job.id}/log`)).text;
      expect(await stream.printedHash()).toBe(sha256(stream.expected));
      expect(sha256(stepOutputOf(log)), `log of s${i}`).toBe(await stream.printedHash());
    }
    // The agents lived through it, and the surviving instance answers directly too.
    expect(agents.every((a) => alive(a.pid))).toBe(true);
    expect((await readBuild(survivor, build.id)).status).toBe('success');
    const listed = (await call(lb, 'GET', '/api/v1/agents')).json.items as Json[];
    expect(listed.map((a) => a.status)).toEqual(['online', 'online']);
  }, 180_000);
});
