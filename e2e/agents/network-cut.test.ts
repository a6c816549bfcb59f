import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
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
  startAgent,
  startServer,
  triggerInline,
  waitFor,
  type AgentProc,
  type ServerProc,
} from './processes.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

const CUT_MS = 30_000;
const indent = (text: string, spaces: number): string => text.split('\n').join(`\n${' '.repeat(spaces)}`);

describe('an agent cut off from the server for 30 s (under the 60 s lease)', () => {
  let server: ServerProc | undefined;
  let proxy: TcpProxy | undefined;
  let agent: AgentProc | undefined;
  let dir = '';

  beforeAll(async () => {
    await ensureBuilt();
    dir = await mkdtemp(join(tmpdir(), 'ritmo-e2e-cut-'));
    server = await startServer();
    proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(server.url).port) });
    agent = await startAgent(proxy, await registrationToken(server), 'cut-off', ['--executor', 'host']);
  }, 120_000);
  afterAll(async () => {
    proxy?.heal();
    await removeAgent(agent);
    await proxy?.close();
    await removeServer(server);
    await rm(dir, { recursive: true, force: true });
  });

  it('completes the job, and its stored log is byte-identical to what the step printed', async () => {
    const s = server as ServerProc;
    const p = proxy as TcpProxy;
    const stream = printedStream(dir, 'cut', 45, 1000, 1);
    const build = await triggerInline(s, 'e2e-cut', `jobs:\n  stream:\n    steps:\n      - name: stream\n        run: |\n          ${indent(stream.script, 10)}\n`);
    const jobId: string = build.jobs[0].id;
    const logSize = async (): Promise<number> => Number((await call(s, 'GET', `/api/v1/jobs/${jobId}`)).json.logSize);
    await waitFor(() => call(s, 'GET', `/api/v1/jobs/${jobId}/log`).then((r) => r.text), (t) => t.includes('\n1000\n'), 30_000, 'the step to print');

    p.cut();
    await sleep(2_000);
    const during = await logSize();
    await sleep(CUT_MS - 4_000);
    // Nothing got through meanwhile, and the lease still holds.
    expect(await logSize()).toBe(during);
    expect((await readBuild(s, build.id)).jobs[0]).toMatchObject({ status: 'running', attempt: 1 });
    await sleep(2_000);
    p.heal();

    const done = await waitFor(() => readBuild(s, build.id), isFinished, 90_000, 'the build to finish');
    expect(done.status, (agent as AgentProc).output()).toBe('success');
    expect(done.jobs[0]).toMatchObject({ status: 'success', attempt: 1 });
    const printed = await stream.printedHash();
    expect(printed).toBe(sha256(stream.expected));
    const log = (await call(s, 'GET', `/api/v1/jobs/${jobId}/log`)).text;
    expect(sha256(stepOutputOf(log))).toBe(printed);
  }, 180_000);
});
