import { createRitmoClient } from '@ritmo/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgentProcess, type AgentProcess } from '../remote/test-agent-process.js';
import { ritmo } from '../remote/test-remote-cli.js';
import { startServerProcess, type ServerProcess } from '../test-server-process.js';

const GREET = `on:
  manual:
    inputs:
      greeting: { type: string, default: hi }
      count: { type: number, default: 1 }
jobs:
  compile:
    steps:
      - run: echo "compiling \${{ inputs.greeting }} x\${{ inputs.count }}"
  test:
    needs: [compile]
    steps:
      - run: |
          echo "test line 1"
          printf 'test line 2 without a line break'
`;

const FAILING = `jobs:
  broken:
    steps:
      - run: echo "about to fail"; exit 3
  after:
    needs: [broken]
    steps:
      - run: echo never
`;

describe('ritmo trigger (against a server and an agent process)', () => {
  let server: ServerProcess;
  let agent: AgentProcess | undefined;
  let auth: string[] = [];

  beforeAll(async () => {
    server = await startServerProcess();
    auth = ['--server', server.url, '--token', server.token];
    const client = createRitmoClient({ baseUrl: server.url, token: server.token });
    await client.projects.create({ name: 'greet', pipeline: GREET });
    await client.projects.create({ name: 'failing', pipeline: FAILING });
    agent = await startAgentProcess(server, { name: 'trigger-agent' });
  }, 60_000);
  afterAll(async () => {
    await agent?.stop();
    await server?.stop();
  });

  it('prints the new build’s number, id and URL', async () => {
    const run = await ritmo(['trigger', 'greet', ...auth]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^build greet#\\d+ queued \\((b_\\w+)\\), 2 jobs\\n${server.url}/builds/b_\\w+\\n$`));
    const json = await ritmo(['trigger', 'greet', '--json', ...auth]);
    expect(JSON.parse(json.stdout)).toMatchObject({ id: expect.stringMatching(/^b_/), event: 'manual', jobs: [{ key: 'compile' }, { key: 'test' }] });
  });

  it('--follow streams job statuses and prefixed log lines once each, and exits 0 on success', async () => {
    const run = await ritmo(['trigger', 'greet', '--follow', '--input', 'greeting=hello', '--input', 'count=3', ...auth]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const out = run.stdout;
    expect(out).toMatch(/^build greet#\d+ queued \(b_\w+\), 2 jobs\n/);
    for (const line of ['compile | compiling hello x3', 'test    | test line 1', 'test    | test line 2 without a line break']) {
      expect(out.split(line).length - 1, `${line} in\n${out}`).toBe(1);
    }
    expect(out).toMatch(/^compile \| job running$/m);
    expect(out).toMatch(/^compile \| job success in \S+$/m);
    expect(out).toMatch(/^test {4}\| job success in \S+$/m);
    expect(out.indexOf('compiling hello')).toBeLessThan(out.indexOf('test line 1'));
    expect(out).toMatch(/\nJOB +STATUS +DURATION\ncompile +success +\S+\ntest +success +\S+\nbuild success in \S+\n$/);
    expect(out).not.toContain('\u001b[');
  });

  it('--follow exits 1 when the build fails, with the exit code and the skipped job', async () => {
    const run = await ritmo(['trigger', 'failing', '-f', ...auth]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^broken \| about to fail$/m);
    expect(run.stdout).toMatch(/^broken \| job failure in \S+ \(exit 3\)/m);
    expect(run.stdout).toMatch(/^after {2}\| job skipped/m);
    expect(run.stdout).not.toContain('never');
    expect(run.stdout).toMatch(/^broken +failure +\S+ +exit 3$/m);
    expect(run.stdout).toMatch(/^build failure in \S+\n$/m);
  });

  it('colors per job on a terminal, and not with NO_COLOR', async () => {
    const colored = await ritmo(['trigger', 'greet', '-f', ...auth], { isTTY: true });
    expect(colored.code).toBe(0);
    expect(colored.stdout).toContain('\u001b[36mcompile\u001b[39m');
    expect(colored.stdout).toContain('\u001b[35mtest   \u001b[39m');
    const plain = await ritmo(['trigger', 'greet', '-f', ...auth], { isTTY: true, env: { NO_COLOR: '1' } });
    expect(plain.code).toBe(0);
    expect(plain.stdout).not.toContain('\u001b[');
  });

  it('shows the server’s errors with hints (exit 1) and usage errors (exit 2)', async () => {
    const unknownInput = await ritmo(['trigger', 'greet', '--input', 'greting=x', ...auth]);
    expect(unknownInput).toMatchObject({ code: 1, stdout: '' });
    expect(unknownInput.stderr).toMatch(/^ritmo: ERR_PIPELINE_INPUT_UNKNOWN: .*greting/);
    expect(unknownInput.stderr).toContain('  hint: did you mean "greeting"?');
    const badType = await ritmo(['trigger', 'greet', '--input', 'count=many', ...auth]);
    expect(badType).toMatchObject({ code: 1, stderr: expect.stringContaining('ritmo: ERR_PIPELINE_INPUT_TYPE:') });
    const noProject = await ritmo(['trigger', 'nope', ...auth]);
    expect(noProject).toMatchObject({ code: 1, stderr: expect.stringContaining('ritmo: ERR_API_PROJECT_NOT_FOUND:') });

    expect(await ritmo(['trigger', 'greet', '--input', 'novalue', ...auth])).toMatchObject({ code: 2, stderr: expect.stringContaining('ERR_CLI_USAGE: --input expects KEY=VALUE') });
    expect(await ritmo(['trigger', 'greet', '--json', '--follow', ...auth])).toMatchObject({ code: 2, stderr: expect.stringContaining('--json and --follow') });
    expect((await ritmo(['trigger', ...auth])).code).toBe(2);
  });
});
