import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRitmoClient, type BuildDetail, type RitmoClient } from '@ritmo/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgentProcess, type AgentProcess } from '../remote/test-agent-process.js';
import { ritmo, startRitmo } from '../remote/test-remote-cli.js';
import { startServerProcess, type ServerProcess } from '../test-server-process.js';

// `gated` prints three lines, then waits until the file named by its input exists.
const GATED = `on:
  manual:
    inputs:
      gate: { type: string, required: true }
jobs:
  waits:
    env: { GATE: "\${{ inputs.gate }}" }
    steps:
      - run: |
          for i in 1 2 3; do echo "line $i"; done
          while [ ! -e "$GATE" ]; do sleep 0.05; done
          echo "after gate"
  quick:
    steps:
      - run: echo "quick job"
`;

const DONE = `jobs:
  first:
    steps:
      - run: printf 'first 1\\nfirst 2\\nfirst 3\\n'
  second:
    needs: [first]
    steps:
      - run: echo "second only"
`;

const until = async <T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> => {
  for (let i = 0; i < 600; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** A loopback TCP proxy to the server whose open connections a test can drop at once. */
async function startDroppingProxy(target: string): Promise<{ url: string; drop(): void; close(): Promise<void> }> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const proxy: Server = createServer((downstream) => {
    const upstream = connect(Number(port), hostname);
    track(downstream);
    track(upstream);
    downstream.pipe(upstream).pipe(downstream);
    downstream.on('close', () => upstream.destroy());
    upstream.on('close', () => downstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const drop = (): void => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    url: `http://127.0.0.1:${(proxy.address() as { port: number }).port}`,
    drop,
    close: () => new Promise<void>((resolve) => (drop(), proxy.close(() => resolve()))),
  };
}

describe('ritmo logs (against a server and an agent process)', () => {
  let server: ServerProcess;
  let agent: AgentProcess | undefined;
  let client: RitmoClient;
  let dir: string;
  let auth: string[] = [];
  let gates = 0;

  /** Starts a `gated` build; resolves once its first job printed "line 3"; `open()` lets it finish. */
  const startGated = async (): Promise<{ build: BuildDetail; open: () => Promise<void> }> => {
    const gate = join(dir, `gate-${++gates}`);
    const build = await client.builds.trigger('gated', { inputs: { gate } });
    const waits = build.jobs.find((j) => j.key === 'waits');
    await until(async () => (waits ? new TextDecoder().decode((await client.jobs.readLog(waits.id)).bytes) : ''), (log) => log.includes('line 3'), 'line 3 in the log');
    return { build, open: () => writeFile(gate, '') };
  };

  beforeAll(async () => {
    server = await startServerProcess();
    auth = ['--server', server.url, '--token', server.token];
    dir = await mkdtemp(join(tmpdir(), 'ritmo-cli-logs-'));
    client = createRitmoClient({ baseUrl: server.url, token: server.token });
    await client.projects.create({ name: 'gated', pipeline: GATED });
    await client.projects.create({ name: 'done', pipeline: DONE });
    agent = await startAgentProcess(server, { name: 'logs-agent', capacity: 4 });
  }, 60_000);
  afterAll(async () => {
    await agent?.stop();
    await server?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('prints a finished build’s logs prefixed per job, one job’s raw, and the last lines with --tail', async () => {
    const triggered = await client.builds.trigger('done');
    const build = await until(() => client.builds.get(triggered.id), (b) => b.status === 'success', 'the build to succeed');

    const all = await ritmo(['logs', build.id, ...auth]);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/^first {2}\| first 1\nfirst {2}\| first 2\nfirst {2}\| first 3\n/m);
    expect(all.stdout).toMatch(/^second \| second only$/m);
    expect(all.stdout.indexOf('first 3')).toBeLessThan(all.stdout.indexOf('second only'));
    expect((await ritmo(['logs', `done#${build.number}`, ...auth])).stdout).toBe(all.stdout);

    const first = build.jobs.find((j) => j.key === 'first');
    const raw = await ritmo(['logs', first?.id ?? '', ...auth]);
    expect(raw.stdout).toMatch(/^(.*\n)*first 1\nfirst 2\nfirst 3\n/);
    expect(raw.stdout).not.toContain('|');
    expect((await ritmo(['logs', build.id, '--job', 'first', ...auth])).stdout).toBe(raw.stdout);

    const tail = await ritmo(['logs', build.id, '--tail', '2', ...auth]);
    // The last two lines of `first` are its "first 3" and the runner's line about the step.
    expect(tail.stdout).toMatch(/^first {2}\| first 3\nfirst {2}\| Step .*\nsecond \| second only\nsecond \| Step .*\n$/);
  });

  it('-f follows a running build live, each line once, and exits 0 when it succeeds', async () => {
    const { build, open } = await startGated();
    const follow = startRitmo(['logs', '-f', build.id, ...auth]);
    await follow.waitForOutput(/^waits \| line 3$/m);
    // The state the job was in when following began comes first.
    expect(follow.stdout()).toMatch(/^waits \| job running\nwaits \| Running step/m);
    expect(follow.stdout()).not.toContain('after gate');
    await open();
    const run = await follow.result;
    expect(run.code, run.stdout + run.stderr).toBe(0);
    for (const line of ['waits | line 1', 'waits | line 2', 'waits | line 3', 'waits | after gate', 'quick | quick job']) {
      expect(run.stdout.split(`${line}\n`).length - 1, `${line} in\n${run.stdout}`).toBe(1);
    }
    expect(run.stdout).toMatch(/^waits \| job success in \S+$/m);
    expect(run.stdout).toMatch(/^build success in \S+\n$/m);
  });

  it('-f on one job with --tail starts at its last lines and prints its raw log until it ends', async () => {
    const { build, open } = await startGated();
    const waits = build.jobs.find((j) => j.key === 'waits');
    const follow = startRitmo(['logs', '-f', waits?.id ?? '', '--tail', '1', ...auth]);
    await follow.waitForOutput(/^line 3\n/);
    await open();
    const run = await follow.result;
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^line 3\nafter gate\n/);
    expect(run.stdout).not.toContain('line 2');
    expect(run.stdout).not.toContain('quick job');
  });

  it('-f resumes where it stopped when the connection drops, printing nothing twice', async () => {
    const proxy = await startDroppingProxy(server.url);
    try {
      const { build, open } = await startGated();
      const follow = startRitmo(['logs', '-f', build.id, '--server', proxy.url, '--token', server.token]);
      await follow.waitForOutput(/^waits \| line 3$/m);
      proxy.drop();
      await open();
      const run = await follow.result;
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stderr).toContain('ritmo: the event stream dropped');
      for (const line of ['waits | line 1', 'waits | line 2', 'waits | line 3', 'waits | after gate', 'quick | quick job']) {
        expect(run.stdout.split(`${line}\n`).length - 1, `${line} in\n${run.stdout}`).toBe(1);
      }
      expect(run.stdout).toMatch(/^build success in \S+\n$/m);
    } finally {
      await proxy.close();
    }
  });

  it('stops following on Ctrl-C (exit 130) while the build goes on', async () => {
    const { build, open } = await startGated();
    const follow = startRitmo(['logs', '--follow', build.id, ...auth]);
    await follow.waitForOutput(/line 3/);
    follow.interrupt();
    const run = await follow.result;
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/^ritmo: stopped following; build gated#\d+ goes on \(ritmo cancel gated#\d+ stops it\)\n$/);
    expect((await client.builds.get(build.id)).status).toBe('running');
    await open();
    await until(() => client.builds.get(build.id), (b) => b.status === 'success', 'the build to finish');
  });

  it('names what it cannot find: exit 1 for the server’s errors, 2 for usage', async () => {
    expect(await ritmo(['logs', 'b_nosuchbuild', ...auth])).toMatchObject({ code: 1, stderr: expect.stringContaining('ritmo: ERR_API_BUILD_NOT_FOUND:') });
    expect(await ritmo(['logs', 'j_nosuchjob', ...auth])).toMatchObject({ code: 1, stderr: expect.stringContaining('ritmo: ERR_API_JOB_NOT_FOUND:') });
    expect(await ritmo(['logs', 'nope#1', ...auth])).toMatchObject({ code: 1, stderr: expect.stringContaining('ritmo: ERR_API_PROJECT_NOT_FOUND:') });
    expect(await ritmo(['logs', 'done#x', ...auth])).toMatchObject({ code: 2, stderr: expect.stringContaining('ERR_CLI_USAGE') });
    expect(await ritmo(['logs', 'done#1', '--tail', '0', ...auth])).toMatchObject({ code: 2, stderr: expect.stringContaining('--tail must be a whole number') });
    const noJob = await ritmo(['logs', 'done#1', '--job', 'third', ...auth]);
    expect(noJob).toMatchObject({ code: 2, stderr: expect.stringContaining('ritmo: ERR_CLI_JOB_NOT_FOUND: build #1 has no job "third"') });
    expect(noJob.stderr).toContain('hint: name a job by its key: first, second');
  });
});
