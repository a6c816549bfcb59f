import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  alive,
  call,
  ensureBuilt,
  isFinished,
  killPids,
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
} from './processes.js';

/** A job that writes its shell's PID, says so in the log, then runs for `seconds`. */
const slowJob = (dir: string, name: string, seconds: number, labels: string): string => `
  ${name}:
    runs-on: [${labels}]
    steps:
      - run: |
          echo $$ >> "${dir}/pids"
          echo "started ${name}"
          sleep ${seconds}
          echo "finished ${name}"
`;

describe('agent signals, cancellation and --ephemeral (real processes)', () => {
  let server: ServerProc | undefined;
  let token = '';
  let dir = '';
  let seq = 0;
  const agents: AgentProc[] = [];
  const pids = async (): Promise<number[]> => (await readFile(join(dir, 'pids'), 'utf8').catch(() => '')).split('\n').filter(Boolean).map(Number);
  const agent = async (label: string, extra: string[] = []): Promise<AgentProc> => {
    const a = await startAgent(server as ServerProc, token, `sig-${label}`, ['--executor', 'host', '--labels', label, ...extra]);
    agents.push(a);
    return a;
  };
  const jobLog = async (id: string): Promise<string> => (await call(server as ServerProc, 'GET', `/api/v1/jobs/${id}/log`)).text;

  beforeAll(async () => {
    await ensureBuilt();
    dir = await mkdtemp(join(tmpdir(), 'ritmo-e2e-signals-'));
    server = await startServer();
    token = await registrationToken(server);
  }, 120_000);
  afterEach(async () => {
    killPids(await pids());
    for (const a of agents.splice(0)) await removeAgent(a);
  });
  afterAll(async () => {
    await removeServer(server);
    await rm(dir, { recursive: true, force: true });
  });

  it('stops the step processes when the build is canceled', async () => {
    const s = server as ServerProc;
    await agent('cancel');
    const build = await triggerInline(s, `sig-${++seq}`, `jobs:${slowJob(dir, 'hang', 60, 'cancel')}`);
    await waitFor(() => jobLog(build.jobs[0].id), (t) => t.includes('started hang'), 30_000, 'the step to start');
    const [pid] = (await pids()).slice(-1);
    expect(alive(pid as number)).toBe(true);
    const canceledAt = Date.now();
    expect((await call(s, 'POST', `/api/v1/builds/${build.id}/cancel`)).status).toBe(200);
    await waitFor(async () => alive(pid as number), (a) => !a, 5_000, 'the step process to end');
    console.info(`cancel -> step process gone after ${Date.now() - canceledAt} ms`);
    const done = await waitFor(() => readBuild(s, build.id), isFinished, 10_000, 'the build to end');
    expect(done.status).toBe('canceled');
    expect(done.jobs[0].status).toBe('canceled');
  }, 60_000);

  it('drains on SIGTERM: finishes the running job, claims nothing new, exits 0', async () => {
    const s = server as ServerProc;
    const a = await agent('drain');
    const build = await triggerInline(s, `sig-${++seq}`, `jobs:${slowJob(dir, 'short', 2, 'drain')}`);
    await waitFor(() => jobLog(build.jobs[0].id), (t) => t.includes('started short'), 30_000, 'the step to start');
    process.kill(a.pid, 'SIGTERM');
    const later = await triggerInline(s, `sig-${++seq}`, `jobs:${slowJob(dir, 'later', 0, 'drain')}`);
    expect(await a.exited).toBe(0);
    const done = await readBuild(s, build.id);
    expect(done.status).toBe('success');
    expect(await jobLog(build.jobs[0].id)).toContain('finished short');
    expect((await readBuild(s, later.id)).jobs[0].status).toBe('queued');
  }, 60_000);

  it('stops running jobs on a second SIGTERM; the attempt counts as lost and the job is queued again', async () => {
    const s = server as ServerProc;
    const a = await agent('twice');
    const build = await triggerInline(s, `sig-${++seq}`, `jobs:${slowJob(dir, 'long', 60, 'twice')}`);
    await waitFor(() => jobLog(build.jobs[0].id), (t) => t.includes('started long'), 30_000, 'the step to start');
    const [pid] = (await pids()).slice(-1);
    process.kill(a.pid, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    process.kill(a.pid, 'SIGTERM');
    expect(await a.exited).toBe(0);
    expect(alive(pid as number)).toBe(false);
    const job: Json = (await call(s, 'GET', `/api/v1/jobs/${build.jobs[0].id}`)).json;
    expect(job).toMatchObject({ status: 'queued', attempt: 1 });
    expect(job.reason).toContain('agent-lost');
  }, 60_000);

  it('runs one job with --ephemeral, then exits and unregisters', async () => {
    const s = server as ServerProc;
    const build = await triggerInline(s, `sig-${++seq}`, `jobs:${slowJob(dir, 'one', 0, 'once')}${slowJob(dir, 'two', 0, 'once')}`);
    const a = await agent('once', ['--ephemeral']);
    expect(await a.exited).toBe(0);
    const statuses = (await readBuild(s, build.id)).jobs.map((j: Json) => j.status).sort();
    expect(statuses).toEqual(['queued', 'success']);
    const names = ((await call(s, 'GET', '/api/v1/agents')).json.items as Json[]).map((x) => x.name);
    expect(names).not.toContain('sig-once');
  }, 60_000);
});
