import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printedStream, sha256, stepOutputOf } from './printed-stream.js';
import {
  call,
  ensureBuilt,
  isFinished,
  readBuild,
  registrationToken,
  removeAgent,
  removeServer,
  restartServer,
  startAgent,
  startServer,
  triggerInline,
  waitFor,
  type AgentProc,
  type ServerProc,
} from './processes.js';

const indent = (text: string, spaces: number): string => text.split('\n').join(`\n${' '.repeat(spaces)}`);

describe.each(['SIGTERM', 'SIGKILL'] as const)('the only server (SQLite) restarted with %s mid-build', (signal) => {
  let server: ServerProc | undefined;
  let agent: AgentProc | undefined;
  let dir = '';

  beforeAll(async () => {
    await ensureBuilt();
    dir = await mkdtemp(join(tmpdir(), 'ritmo-e2e-restart-'));
    server = await startServer();
    agent = await startAgent(server, await registrationToken(server), `restart-${signal.toLowerCase()}`, ['--executor', 'host']);
  }, 120_000);
  afterAll(async () => {
    await removeAgent(agent);
    await removeServer(server);
    await rm(dir, { recursive: true, force: true });
  });

  it('lets the running job carry on and complete after the restart, with every byte of its log', async () => {
    const stream = printedStream(dir, 'restart', 24, 500, 0.5);
    const build = await triggerInline(server as ServerProc, `restart-${signal.toLowerCase()}`, `jobs:\n  stream:\n    steps:\n      - name: stream\n        run: |\n          ${indent(stream.script, 10)}\n`);
    const jobId: string = build.jobs[0].id;
    await waitFor(() => call(server as ServerProc, 'GET', `/api/v1/jobs/${jobId}/log`).then((r) => r.text), (t) => t.includes('\n1000\n'), 30_000, 'the step to print');

    server = await restartServer(server as ServerProc, signal);
    const after = await readBuild(server, build.id);
    expect(after.jobs[0]).toMatchObject({ status: 'running', attempt: 1 });

    const done = await waitFor(() => readBuild(server as ServerProc, build.id), isFinished, 90_000, 'the build to finish');
    expect(done.status, (agent as AgentProc).output()).toBe('success');
    expect(done.jobs[0]).toMatchObject({ status: 'success', attempt: 1 });
    // The agent did find the server gone, and went on once it was back.
    expect((agent as AgentProc).output()).toContain('ERR_AGENT_SERVER_UNREACHABLE');
    const printed = await stream.printedHash();
    expect(printed).toBe(sha256(stream.expected));
    const log = (await call(server, 'GET', `/api/v1/jobs/${jobId}/log`)).text;
    expect(sha256(stepOutputOf(log))).toBe(printed);
  }, 150_000);
});
