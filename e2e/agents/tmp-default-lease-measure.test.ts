import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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

/** The first run writes its PID and hangs; the run after it finds the marker and finishes. */
const pipeline = (dir: string): string => `
jobs:
  slow:
    steps:
      - run: |
          if [ -f "${dir}/ran-once" ]; then echo "second run"; exit 0; fi
          touch "${dir}/ran-once"
          echo "first run"
          echo $$ >> "${dir}/pids"
          sleep 120
`;

describe('an agent killed mid-job (kill -9)', () => {
  let server: ServerProc | undefined;
  const agents: AgentProc[] = [];
  let dir = '';

  beforeAll(async () => {
    await ensureBuilt();
    dir = await mkdtemp(join(tmpdir(), 'ritmo-e2e-lost-'));
    // A short lease so the loss is noticed within seconds.
    server = await startServer();
  }, 240_000);
  afterAll(async () => {
    const pids = await readFile(join(dir, 'pids'), 'utf8').catch(() => '');
    killPids(pids.split('\n').filter(Boolean).map(Number));
    for (const a of agents) await removeAgent(a);
    await removeServer(server);
    await rm(dir, { recursive: true, force: true });
  });

  it('loses the attempt, runs the job again on another agent, and the build succeeds', async () => {
    const s = server as ServerProc;
    const token = await registrationToken(s);
    const first = await startAgent(s, token, 'doomed', ['--executor', 'host']);
    agents.push(first);
    const build = await triggerInline(s, 'e2e-lost', pipeline(dir));
    const jobId: string = build.jobs[0].id;
    await waitFor(() => readFile(join(dir, 'pids'), 'utf8').catch(() => ''), (t) => t.trim() !== '', 30_000, 'the step to start');
    // Logs stream while the step runs: the first line arrives before the step ends.
    await waitFor(() => call(s, 'GET', `/api/v1/jobs/${jobId}/log`).then((r) => r.text), (t) => t.includes('first run'), 10_000, 'the first log line');
    const second = await startAgent(s, token, 'rescuer', ['--executor', 'host']);
    agents.push(second);

    const killedAt = Date.now();
    process.kill(first.pid, 'SIGKILL');
    await first.exited;
    await waitFor(() => call(s, 'GET', `/api/v1/jobs/${jobId}`).then((r) => r.json), (j: Json) => j.status === 'queued' || j.attempt >= 2, 100_000, 'the job to be queued again');
    console.info(`kill -9 -> job queued again after ${Date.now() - killedAt} ms (default settings)`);

    const done = await waitFor(() => readBuild(s, build.id), isFinished, 60_000, 'the build to finish');
    expect(done.status, second.output()).toBe('success');
    const job = done.jobs[0];
    expect(job).toMatchObject({ status: 'success', attempt: 2 });
    const agentsNow = (await call(s, 'GET', '/api/v1/agents')).json.items as Json[];
    expect(job.agentId).toBe(agentsNow.find((a) => a.name === 'rescuer')?.id);
    expect((await call(s, 'GET', `/api/v1/jobs/${jobId}/log?attempt=2`)).text).toContain('second run');
    expect((await call(s, 'GET', `/api/v1/jobs/${jobId}/log?attempt=1`)).text).toContain('first run');
  }, 240_000);
});
