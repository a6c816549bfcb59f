import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRitmoClient, type BuildDetail, type RitmoClient } from '@ritmo/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgentProcess, type AgentProcess } from '../remote/test-agent-process.js';
import { ritmo } from '../remote/test-remote-cli.js';
import { startServerProcess, type ServerProcess } from '../test-server-process.js';

// Fails the first time (it leaves a mark file), succeeds once the mark exists.
const FLAKY = `on:
  manual:
    inputs:
      mark: { type: string, required: true }
jobs:
  flaky:
    env: { MARK: "\${{ inputs.mark }}" }
    steps:
      - run: |
          if [ -e "$MARK" ]; then echo "second try ok"; else touch "$MARK"; echo "first try fails"; exit 1; fi
  after:
    needs: [flaky]
    steps:
      - run: echo "after ran"
`;

const PARKED = 'jobs:\n  parked:\n    runs-on: [nowhere]\n    steps:\n      - run: echo parked\n';

describe('ritmo retry (against a server and an agent process)', () => {
  let server: ServerProcess;
  let agent: AgentProcess | undefined;
  let client: RitmoClient;
  let dir: string;
  let auth: string[] = [];

  const finished = async (id: string): Promise<BuildDetail> => {
    for (let i = 0; i < 600; i++) {
      const build = await client.builds.get(id);
      if (['success', 'failure', 'canceled'].includes(build.status)) return build;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`build ${id} did not finish`);
  };

  beforeAll(async () => {
    server = await startServerProcess();
    auth = ['--server', server.url, '--token', server.token];
    client = createRitmoClient({ baseUrl: server.url, token: server.token });
    dir = await mkdtemp(join(tmpdir(), 'ritmo-cli-retry-'));
    await client.projects.create({ name: 'flaky', pipeline: FLAKY });
    await client.projects.create({ name: 'parked', pipeline: PARKED });
    agent = await startAgentProcess(server, { name: 'retry-agent' });
  }, 60_000);
  afterAll(async () => {
    await agent?.stop();
    await server?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('retries a finished build as a new build', async () => {
    const first = await client.builds.trigger('parked');
    await client.builds.cancel(first.id);
    const run = await ritmo(['retry', first.id, ...auth]);
    expect(run.code).toBe(0);
    const m = new RegExp(`^build parked#2 queued \\((b_\\w+)\\), 1 job\\n${server.url}/builds/b_\\w+\\n$`).exec(run.stdout);
    expect(m, run.stdout + run.stderr).not.toBeNull();
    expect(await client.builds.get(m?.[1] ?? '')).toMatchObject({ number: 2, retryOf: first.id });
    await client.builds.cancel(m?.[1] ?? '');
  });

  it('--job retries one job and the jobs after it in the same build, and --follow shows that attempt only', async () => {
    const build = await client.builds.trigger('flaky', { inputs: { mark: join(dir, 'mark') } });
    expect(await finished(build.id)).toMatchObject({ status: 'failure', jobs: [{ status: 'failure' }, { status: 'skipped' }] });

    const run = await ritmo(['retry', `flaky#${build.number}`, '--job', 'flaky', '--follow', ...auth]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^retrying job flaky of build flaky#1 \(attempt 2\) and the jobs after it\n/);
    expect(run.stdout).toMatch(/^flaky \| job running \(attempt 2\)$/m);
    expect(run.stdout).toMatch(/^flaky \| second try ok$/m);
    expect(run.stdout).toMatch(/^after \| after ran$/m);
    expect(run.stdout).not.toContain('first try fails');
    expect(run.stdout).toMatch(/^build success in \S+\n$/m);
    expect(await client.builds.get(build.id)).toMatchObject({ status: 'success', jobs: [{ attempt: 2 }, { status: 'success' }] });

    const whole = await ritmo(['retry', build.id, '-f', ...auth]);
    expect(whole.code).toBe(0);
    expect(whole.stdout).toMatch(/^build flaky#2 queued/);
  });

  it('names a job the build does not have, and a build that is still running', async () => {
    const parked = await client.builds.trigger('parked');
    const running = await ritmo(['retry', parked.id, ...auth]);
    expect(running).toMatchObject({ code: 1, stderr: expect.stringMatching(/^ritmo: ERR_API_\w+: /) });
    await client.builds.cancel(parked.id);
    const noJob = await ritmo(['retry', parked.id, '--job', 'nope', ...auth]);
    expect(noJob).toMatchObject({ code: 2, stderr: expect.stringContaining('ritmo: ERR_CLI_JOB_NOT_FOUND:') });
    expect(await ritmo(['retry', parked.id, '--json', '-f', ...auth])).toMatchObject({ code: 2 });
  });
});
