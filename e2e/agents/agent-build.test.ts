import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  type Json,
  type ServerProc,
} from './processes.js';

const PIPELINE = `
jobs:
  build:
    steps:
      - run: echo "building \${RITMO_BUILD_NUMBER}"
      - id: version
        run: echo "version=1.2.3" >> "$RITMO_OUTPUT"
    outputs:
      version: \${{ steps.version.outputs.version }}
  test:
    needs: [build]
    steps:
      - run: echo "testing \${{ needs.build.outputs.version }}"
  lint:
    needs: [build]
    steps:
      - run: echo "linting"; echo "to stderr" >&2
  package:
    needs: [test, lint]
    steps:
      - run: for i in 1 2 3; do echo "package line $i"; done
`;

const exec = promisify(execFile);
const git = (cwd: string, ...args: string[]) => exec('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd });

/** Percentile of sorted numbers (nearest rank). */
const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

describe('a build on a real server and a real agent (loopback)', () => {
  let server: ServerProc | undefined;
  let agent: AgentProc | undefined;

  beforeAll(async () => {
    await ensureBuilt();
    server = await startServer();
    agent = await startAgent(server, await registrationToken(server), 'e2e-agent', ['--executor', 'host', '--capacity', '2']);
  }, 120_000);
  afterAll(async () => {
    await removeAgent(agent);
    await removeServer(server);
  });

  it('runs every job of an inline pipeline with needs, with outputs and complete logs', async () => {
    const s = server as ServerProc;
    const build = await triggerInline(s, 'e2e-dag', PIPELINE);
    const done = await waitFor(() => readBuild(s, build.id), isFinished, 60_000, 'the build to finish');
    expect(done.status, (agent as AgentProc).output()).toBe('success');
    expect(Object.fromEntries(done.jobs.map((j: Json) => [j.key, j.status]))).toEqual({ build: 'success', test: 'success', lint: 'success', package: 'success' });
    const log = async (key: string): Promise<string> => (await call(s, 'GET', `/api/v1/jobs/${done.jobs.find((j: Json) => j.key === key).id}/log`)).text;
    expect(await log('build')).toContain('building 1');
    expect(await log('test')).toContain('testing 1.2.3');
    expect(await log('lint')).toMatch(/linting[\s\S]*to stderr/);
    expect(await log('package')).toContain('package line 1\npackage line 2\npackage line 3\n');
    for (const job of done.jobs) expect(job.steps.every((st: Json) => st.status === 'success')).toBe(true);
    const agents = await call(s, 'GET', '/api/v1/agents');
    expect(agents.json.items.find((a: Json) => a.name === 'e2e-agent')).toMatchObject({ status: 'online', capacity: 2, runningJobs: [] });
    expect(agents.json.items[0].labels).toEqual(expect.arrayContaining(['executor:host', `os:${process.platform}`]));
  }, 90_000);

  it('checks out the exact commit of a repository build', async () => {
    const s = server as ServerProc;
    const repo = await mkdtemp(join(tmpdir(), 'ritmo-e2e-repo-'));
    try {
      await exec('git', ['init', '-q', '-b', 'main', repo]);
      await writeFile(join(repo, '.ritmo.yml'), 'jobs:\n  show:\n    steps:\n      - run: cat version.txt; git rev-parse HEAD\n');
      await writeFile(join(repo, 'version.txt'), 'v1\n');
      await git(repo, 'add', '-A');
      await git(repo, 'commit', '-q', '-m', 'one');
      const sha = (await git(repo, 'rev-parse', 'HEAD')).stdout.trim();
      await writeFile(join(repo, 'version.txt'), 'v2\n');
      await git(repo, 'commit', '-q', '-am', 'two');
      expect((await call(s, 'POST', '/api/v1/projects', { name: 'e2e-repo', repoUrl: `file://${repo}` })).status).toBe(201);
      const build = (await call(s, 'POST', '/api/v1/projects/e2e-repo/builds', { sha })).json;
      const done = await waitFor(() => readBuild(s, build.id), isFinished, 60_000, 'the repository build');
      expect(done.status, (agent as AgentProc).output()).toBe('success');
      const log = (await call(s, 'GET', `/api/v1/jobs/${done.jobs[0].id}/log`)).text;
      expect(log).toContain('v1\n');
      expect(log).toContain(sha);
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  }, 90_000);

  it('picks up builds on an idle agent as they are triggered', async () => {
    const s = server as ServerProc;
    await call(s, 'POST', '/api/v1/projects', { name: 'e2e-pickup', pipeline: 'jobs:\n  one:\n    steps:\n      - run: "true"\n' });
    const latencies: number[] = [];
    for (let i = 0; i < 50; i++) {
      const build = (await call(s, 'POST', '/api/v1/projects/e2e-pickup/builds', {})).json;
      const done = await waitFor(() => readBuild(s, build.id), isFinished, 30_000, 'a pickup build');
      expect(done.status).toBe('success');
      latencies.push(Date.parse(done.jobs[0].steps[0].startedAt) - Date.parse(done.createdAt));
    }
    latencies.sort((a, b) => a - b);
    console.info(`pickup latency (trigger -> first step started) over ${latencies.length} builds: p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies.at(-1)} ms`);
  }, 120_000);
});
