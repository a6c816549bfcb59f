import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ritmo } from '../remote/test-remote-cli.js';
import { startServerProcess, type ServerProcess } from '../test-server-process.js';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('ritmo projects (against a server process)', () => {
  let server: ServerProcess;
  let dir: string;
  let auth: string[] = [];

  beforeAll(async () => {
    server = await startServerProcess();
    auth = ['--server', server.url, '--token', server.token];
    dir = await mkdtemp(join(tmpdir(), 'ritmo-cli-projects-'));
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('creates projects from a pipeline file or a repository and lists them as a table and as JSON', async () => {
    expect(await ritmo(['projects', ...auth])).toMatchObject({ code: 0, stdout: '', stderr: expect.stringContaining('no projects') });
    await writeFile(join(dir, 'ci.yml'), 'jobs:\n  hello:\n    steps:\n      - run: echo hello\n');

    const inline = await ritmo(['projects', 'create', 'web', '--pipeline', 'ci.yml', ...auth], { cwd: dir });
    expect(inline).toMatchObject({ code: 0, stderr: expect.stringMatching(/^created project web \(p_\w+\); trigger a build with ritmo trigger web\n$/) });
    // Options of `projects` itself (--json, --server) work after the subcommand as well.
    const repo = await ritmo(['projects', 'create', 'api', '--repo', 'https://git.example.com/api.git', '--branch', 'trunk', '--json', ...auth]);
    expect(repo.code).toBe(0);
    expect(JSON.parse(repo.stdout)).toMatchObject({ name: 'api', repoUrl: 'https://git.example.com/api.git', defaultBranch: 'trunk', hasInlinePipeline: false });

    const table = await ritmo(['projects', ...auth]);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME +REPOSITORY +PIPELINE +BRANCH +CREATED +ID$/);
    expect(lines.slice(1).sort()).toEqual([
      expect.stringMatching(/^api +https:\/\/git\.example\.com\/api\.git +\.ritmo\.yml +trunk +\d+s ago +p_\w+$/),
      expect.stringMatching(/^web +- +inline +main +\d+s ago +p_\w+$/),
    ]);
    const json = await ritmo(['projects', '--json', ...auth]);
    expect((JSON.parse(json.stdout) as { name: string }[]).map((p) => p.name).sort()).toEqual(['api', 'web']);
  });

  it('shows the server’s errors with their hints (exit 1) and usage errors (exit 2)', async () => {
    const dup = await ritmo(['projects', 'create', 'dup', ...auth]);
    expect(dup.code).toBe(0);
    const again = await ritmo(['projects', 'create', 'dup', ...auth]);
    expect(again).toMatchObject({ code: 1, stdout: '' });
    expect(again.stderr).toMatch(/^ritmo: ERR_\w+: .*dup/);

    const badName = await ritmo(['projects', 'create', 'Bad Name', ...auth]);
    expect(badName).toMatchObject({ code: 1, stderr: expect.stringContaining('ritmo: ERR_API_VALIDATION:') });

    const noFile = await ritmo(['projects', 'create', 'nofile', '--pipeline', 'missing.yml', ...auth], { cwd: dir });
    expect(noFile).toMatchObject({ code: 2, stderr: expect.stringContaining('ritmo: ERR_CLI_PIPELINE_NOT_FOUND: cannot read the pipeline file') });
    expect((await ritmo(['projects', 'create', ...auth])).code).toBe(2);
    expect(await ritmo(['projects', '--server', server.url])).toMatchObject({ code: 2, stderr: expect.stringContaining('ERR_CLI_USAGE: an API token is needed') });
  });

  it('names an unreachable server, from --server or RITMO_SERVER_URL', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const down = await ritmo(['projects'], { env: { RITMO_SERVER_URL: url, RITMO_TOKEN: server.token } });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(new RegExp(`^ritmo: ERR_CLI_SERVER_UNREACHABLE: cannot reach the Ritmo server at ${url}: .*ECONNREFUSED`));
    expect(down.stderr).toContain('hint: check --server (or RITMO_SERVER_URL)');
  });
});
