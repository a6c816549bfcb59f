import { createRitmoClient } from '@ritmo/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ritmo } from '../remote/test-remote-cli.js';
import { startServerProcess, type ServerProcess } from '../test-server-process.js';

// No agent has the label, so builds stay queued until canceled.
const PARKED = 'jobs:\n  parked:\n    runs-on: [nowhere]\n    steps:\n      - run: echo parked\n';

describe('ritmo builds (against a server process)', () => {
  let server: ServerProcess;
  let auth: string[] = [];
  const ids: string[] = [];

  beforeAll(async () => {
    server = await startServerProcess();
    auth = ['--server', server.url, '--token', server.token];
    const client = createRitmoClient({ baseUrl: server.url, token: server.token });
    await client.projects.create({ name: 'alpha', pipeline: PARKED });
    await client.projects.create({ name: 'beta', pipeline: PARKED });
    for (const [project, ref] of [['alpha'], ['alpha'], ['alpha'], ['beta', 'feature']] as const) {
      const run = await ritmo(['trigger', project, ...(ref === undefined ? [] : ['--ref', ref]), '--json', ...auth]);
      ids.push((JSON.parse(run.stdout) as { id: string }).id);
    }
    await client.builds.cancel(ids[1] ?? '');
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  const rowsOf = (stdout: string): string[] => stdout.trimEnd().split('\n').slice(1);

  it('lists builds newest first: number, project, status, ref, event, actor, age, duration and id', async () => {
    const run = await ritmo(['builds', ...auth]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const [header, ...rows] = run.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^# +PROJECT +STATUS +REF +EVENT +ACTOR +AGE +DURATION +ID$/);
    expect(rows).toEqual([
      expect.stringMatching(new RegExp(`^1 +beta +queued +feature +manual +admin +\\d+s ago +- +${ids[3]}$`)),
      expect.stringMatching(new RegExp(`^3 +alpha +queued +main +manual +admin +\\d+s ago +- +${ids[2]}$`)),
      expect.stringMatching(new RegExp(`^2 +alpha +canceled +main +manual +admin +\\d+s ago +\\S+ +${ids[1]}$`)),
      expect.stringMatching(new RegExp(`^1 +alpha +queued +main +manual +admin +\\d+s ago +- +${ids[0]}$`)),
    ]);
  });

  it('filters by project, status and branch', async () => {
    expect(rowsOf((await ritmo(['builds', '--project', 'alpha', ...auth])).stdout)).toHaveLength(3);
    expect(rowsOf((await ritmo(['builds', '--status', 'canceled', ...auth])).stdout)).toEqual([expect.stringMatching(/^2 +alpha +canceled /)]);
    expect(rowsOf((await ritmo(['builds', '--branch', 'feature', ...auth])).stdout)).toEqual([expect.stringMatching(/^1 +beta /)]);
    expect(await ritmo(['builds', '--project', 'alpha', '--status', 'success', ...auth])).toMatchObject({ code: 0, stdout: '', stderr: 'no builds\n' });
    expect(await ritmo(['builds', '--project', 'nope', ...auth])).toMatchObject({ code: 1, stderr: expect.stringContaining('ritmo: ERR_API_PROJECT_NOT_FOUND:') });
  });

  it('pages with --limit and --cursor, or takes every page with --all; --json gives the page', async () => {
    const first = await ritmo(['builds', '--limit', '3', ...auth]);
    expect(rowsOf(first.stdout)).toHaveLength(3);
    const cursor = /^more builds: add --cursor (\S+) \(or --all\)\n$/.exec(first.stderr)?.[1];
    expect(cursor).toBeDefined();
    const second = await ritmo(['builds', '--limit', '3', '--cursor', cursor ?? '', ...auth]);
    expect(second).toMatchObject({ code: 0, stderr: '' });
    expect(rowsOf(second.stdout)).toEqual([expect.stringContaining(ids[0] ?? '')]);

    const every = await ritmo(['builds', '--all', '--json', ...auth]);
    const page = JSON.parse(every.stdout) as { items: { id: string }[]; nextCursor: string | null };
    expect(page).toMatchObject({ nextCursor: null });
    expect(page.items.map((b) => b.id)).toEqual([...ids].reverse());
    const limited = JSON.parse((await ritmo(['builds', '--limit', '1', '--json', ...auth])).stdout) as typeof page;
    expect(limited.items).toHaveLength(1);
    expect(limited.nextCursor).toEqual(expect.any(String));
  });

  it('refuses bad options with exit 2', async () => {
    for (const argv of [['--status', 'done'], ['--limit', '0'], ['--limit', '500'], ['--all', '--cursor', 'x'], ['--all', '--limit', '5']]) {
      const run = await ritmo(['builds', ...argv, ...auth]);
      expect(run.code, `${argv.join(' ')}: ${run.stderr}`).toBe(2);
    }
    expect((await ritmo(['builds', '--cursor', 'forged', ...auth])).stderr).toContain('ritmo: ERR_');
  });
});
