import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** The first run writes its PID and ticks forever; the run after it finds the marker and finishes. */
const pipeline = (dir: string): string => `
jobs:
  tick:
    steps:
      - name: tick
        run: |
          if [ -f "${dir}/ran-once" ]; then echo "second run"; exit 0; fi
          touch "${dir}/ran-once"
          echo $$ >> "${dir}/pids"
          echo "first run"
          i=0
          while true; do echo "tick $i"; i=$((i + 1)); sleep 0.1; done
`;

describe('an agent stopped (SIGSTOP) past its lease, then continued (SIGCONT)', () => {
  let server: ServerProc | undefined;
  const agents: AgentProc[] = [];
  let dir = '';
  const pids = async (): Promise<number[]> => (await readFile(join(dir, 'pids'), 'utf8').catch(() => '')).split('\n').filter(Boolean).map(Number);

  beforeAll(async () => {
    await ensureBuilt();
    dir = await mkdtemp(join(tmpdir(), 'ritmo-e2e-sigstop-'));
    // A short lease so that a few seconds stopped is past it.
    server = await startServer({ RITMO_LEASE_TTL: '3s', RITMO_LEASE_SWEEP_INTERVAL: '100ms' });
  }, 120_000);
  afterAll(async () => {
    for (const a of agents) {
      if (alive(a.pid)) process.kill(a.pid, 'SIGCONT');
      await removeAgent(a);
    }
    killPids(await pids());
    await removeServer(server);
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses its writes with 409, kills its step processes, and only the new attempt counts', async () => {
    const s = server as ServerProc;
    const token = await registrationToken(s);
    const frozen = await startAgent(s, token, 'frozen', ['--executor', 'host']);
    agents.push(frozen);
    const build = await triggerInline(s, 'e2e-sigstop', pipeline(dir));
    const jobId: string = build.jobs[0].id;
    await waitFor(() => call(s, 'GET', `/api/v1/jobs/${jobId}/log`).then((r) => r.text), (t) => t.includes('tick 3'), 30_000, 'the first attempt to tick');
    const [stepPid] = await pids();
    const rescuer = await startAgent(s, token, 'rescuer', ['--executor', 'host']);
    agents.push(rescuer);

    process.kill(frozen.pid, 'SIGSTOP');
    // Past the lease: attempt 1 is lost, attempt 2 runs on the rescuer and the build succeeds, all while the first agent sleeps.
    const done = await waitFor(() => readBuild(s, build.id), isFinished, 60_000, 'the second attempt to finish the build');
    expect(done.status, rescuer.output()).toBe('success');
    expect(alive(stepPid as number)).toBe(true);

    process.kill(frozen.pid, 'SIGCONT');
    await waitFor(async () => alive(stepPid as number), (a) => !a, 15_000, 'the first attempt’s step process to be killed');
    await waitFor(async () => frozen.output(), (o) => o.includes('job done'), 15_000, 'the first agent to drop the job');
    expect(frozen.output()).toMatch(/log chunk refused: the lease is gone .*status=409/);
    expect(frozen.output()).toMatch(/step update refused: the lease is gone .*status=409/);
    expect(frozen.output()).not.toContain('job result reported');
    expect(alive(frozen.pid)).toBe(true);

    const job: Json = (await call(s, 'GET', `/api/v1/jobs/${jobId}`)).json;
    const agentsNow = (await call(s, 'GET', '/api/v1/agents')).json.items as Json[];
    expect(job).toMatchObject({ status: 'success', attempt: 2, agentId: agentsNow.find((a) => a.name === 'rescuer')?.id });
    expect((await readBuild(s, build.id)).status).toBe('success');
    expect((await call(s, 'GET', `/api/v1/jobs/${jobId}/log?attempt=2`)).text).toContain('second run');
    const first = (await call(s, 'GET', `/api/v1/jobs/${jobId}/log?attempt=1`)).text;
    expect(first).toContain('first run');
    expect(first).not.toContain('second run');
  }, 120_000);
});
