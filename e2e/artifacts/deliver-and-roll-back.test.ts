import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_TOKEN,
  call,
  ensureBuilt,
  isFinished,
  readBuild,
  registrationToken,
  removeAgent,
  removeServer,
  startAgent,
  startServer,
  waitFor,
  type AgentProc,
  type Json,
  type ServerProc,
} from '../agents/processes.js';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'apps', 'cli', 'dist', 'main.js');

const PIPELINE = `
jobs:
  build:
    cache: { key: "deps-v1", paths: [.deps] }
    steps:
      - run: mkdir -p .deps dist; if [ -f .deps/warm ]; then echo cache-hit; else echo cache-miss; fi; touch .deps/warm
      - run: echo "version-\${RITMO_BUILD_NUMBER}" > dist/version.txt
    artifacts: { name: dist, paths: ["dist/**"] }
  test:
    needs: [build]
    steps:
      - run: grep -q version- dist/version.txt && echo "testing $(cat dist/version.txt)"
  deploy-staging:
    needs: [test]
    environment: { name: staging, url: "https://staging.example.com" }
    steps:
      - run: echo "deploying $(cat dist/version.txt) to staging"
  deploy-prod:
    needs: [deploy-staging]
    environment: prod
    steps:
      - run: echo "deploying $(cat dist/version.txt) to prod"
`;

/** `ritmo …` as a process against the server, with the admin token. */
async function ritmo(server: ServerProc, ...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return exec(process.execPath, [CLI, ...args, '--server', server.url, '--token', ADMIN_TOKEN], { cwd: tmpdir() });
}

describe('artifacts, promotion, deployments and rollback on a real server and agent', () => {
  let server: ServerProc | undefined;
  let agent: AgentProc | undefined;
  let downloads = '';

  beforeAll(async () => {
    await ensureBuilt();
    if (!existsSync(CLI)) await exec('npx', ['tsc', '-b', 'apps/cli'], { cwd: ROOT });
    downloads = await mkdtemp(join(tmpdir(), 'ritmo-e2e-downloads-'));
    server = await startServer({ RITMO_DELIVERY_SWEEP_INTERVAL: '1s' });
    agent = await startAgent(server, await registrationToken(server), 'e2e-cd', ['--executor', 'host']);
  }, 180_000);
  afterAll(async () => {
    await removeAgent(agent);
    await removeServer(server);
    if (downloads) await rm(downloads, { recursive: true, force: true });
  });

  it('build -> test -> staging -> prod (approved) carries one digest; promotion dev -> staging -> prod; rollback redeploys the previous digest', async () => {
    const s = server as ServerProc;
    const output = () => (agent as AgentProc).output();
    expect((await call(s, 'POST', '/api/v1/projects', { name: 'shop', pipeline: PIPELINE })).status).toBe(201);
    expect((await call(s, 'PUT', '/api/v1/projects/shop/environments/prod', { protection: { requiredApprovals: 1 } })).status).toBe(200);
    const jobOf = (build: Json, key: string): Json => build.jobs.find((j: Json) => j.key === key);
    const log = async (job: Json): Promise<string> => (await call(s, 'GET', `/api/v1/jobs/${job.id}/log`)).text;

    /** Triggers a build and takes it through prod's approval; returns the finished build. */
    const deliver = async (): Promise<Json> => {
      const build = (await call(s, 'POST', '/api/v1/projects/shop/builds', {})).json;
      const held = await waitFor(() => readBuild(s, build.id), (b) => jobOf(b, 'deploy-prod')?.status === 'waiting' || isFinished(b), 60_000, 'prod to wait for approval');
      expect(jobOf(held, 'deploy-prod'), output()).toMatchObject({ status: 'waiting', reason: 'environment prod: waiting for approval by a maintainer (0 of 1)' });
      expect(jobOf(held, 'deploy-staging').status).toBe('success');
      expect((await call(s, 'POST', `/api/v1/jobs/${jobOf(held, 'deploy-prod').id}/approve`)).status).toBe(200);
      const done = await waitFor(() => readBuild(s, build.id), isFinished, 60_000, 'the build to finish');
      expect(done.status, output()).toBe('success');
      return done;
    };

    const first = await deliver();
    const artifact = (await call(s, 'GET', `/api/v1/builds/${first.id}/artifacts`)).json.items[0];
    expect(artifact).toMatchObject({ name: 'dist', fileCount: 1, digest: expect.stringMatching(/^sha256:/) });
    expect(await log(jobOf(first, 'build'))).toContain('cache-miss');
    const testLog = await log(jobOf(first, 'test'));
    expect(testLog).toContain(`ritmo: artifact dist from build: 1 file(s), ${artifact.digest} verified`);
    expect(testLog).toContain(`testing version-${first.number}`);
    expect(await log(jobOf(first, 'deploy-prod'))).toContain(`deploying version-${first.number} to prod`);
    for (const env of ['staging', 'prod']) {
      expect((await call(s, 'GET', `/api/v1/projects/shop/environments/${env}`)).json.current).toMatchObject({ status: 'success', digest: artifact.digest, buildNumber: first.number });
    }
    const caches = (await call(s, 'GET', '/api/v1/projects/shop/caches')).json.items;
    expect(caches.map((c: Json) => [c.scope, c.key])).toEqual([['trusted:main', 'deps-v1']]);

    // The CLI downloads it digest-verified, and promotes it dev -> staging -> prod (prod needs an approval).
    const archivePath = join(downloads, 'dist.tar.gz');
    const got = await ritmo(s, 'artifacts', 'download', artifact.id, '-o', archivePath);
    expect(got.stderr).toContain(`(${artifact.digest}, verified)`);
    expect(`sha256:${createHash('sha256').update(await readFile(archivePath)).digest('hex')}`).toBe(artifact.digest);
    await ritmo(s, 'artifacts', 'download', artifact.id, '--file', 'dist/version.txt', '-o', join(downloads, 'version.txt'));
    expect(await readFile(join(downloads, 'version.txt'), 'utf8')).toBe(`version-${first.number}\n`);
    expect((await ritmo(s, 'promote', artifact.digest, '--project', 'shop', '--to', 'dev')).stderr).toContain('from no level to dev');
    await expect(ritmo(s, 'promote', artifact.digest, '--project', 'shop', '--to', 'prod')).rejects.toMatchObject({ stderr: expect.stringContaining('ERR_DEPLOY_PROMOTION_SKIPS_LEVEL') });
    expect((await ritmo(s, 'promote', artifact.digest, '--project', 'shop', '--to', 'staging')).stderr).toContain('from dev to staging');
    await expect(ritmo(s, 'promote', artifact.digest, '--project', 'shop', '--to', 'prod')).rejects.toMatchObject({ stderr: expect.stringContaining('ERR_DEPLOY_APPROVALS_MISSING') });
    await ritmo(s, 'promote', artifact.digest, '--project', 'shop', '--to', 'prod', '--approve');
    expect((await ritmo(s, 'promote', artifact.digest, '--project', 'shop', '--to', 'prod')).stderr).toContain('from staging to prod');
    const history = (await call(s, 'GET', `/api/v1/projects/shop/promotions?digest=${artifact.digest}`)).json.items;
    expect(history.map((p: Json) => [p.fromLevel, p.toLevel, p.actor])).toEqual([
      ['staging', 'prod', 'admin'],
      ['dev', 'staging', 'admin'],
      [null, 'dev', 'admin'],
    ]);

    // A second build deploys another digest; the cache from the first is restored.
    const second = await deliver();
    const artifact2 = (await call(s, 'GET', `/api/v1/builds/${second.id}/artifacts`)).json.items[0];
    expect(artifact2.digest).not.toBe(artifact.digest);
    expect(await log(jobOf(second, 'build'))).toContain('cache-hit');
    expect((await call(s, 'GET', '/api/v1/projects/shop/environments/prod')).json.current.digest).toBe(artifact2.digest);

    // One action rolls prod back: the first build's deploy job runs again with its artifact, nothing rebuilt.
    const rolled = await ritmo(s, 'rollback', '--project', 'shop', '--env', 'prod', '--json');
    const result = JSON.parse(rolled.stdout);
    expect(result.digest).toBe(artifact.digest);
    const rollbackBuild = await waitFor(() => readBuild(s, result.buildId), isFinished, 60_000, 'the rollback build to finish');
    expect(rollbackBuild.status, output()).toBe('success');
    expect(rollbackBuild.jobs.map((j: Json) => [j.key, j.reason])).toEqual([
      ['build', `reused from build #${first.number}`],
      ['test', `reused from build #${first.number}`],
      ['deploy-staging', `reused from build #${first.number}`],
      ['deploy-prod', null],
    ]);
    expect(jobOf(rollbackBuild, 'build').startedAt).toBe(jobOf(first, 'build').startedAt);
    expect(await log(jobOf(rollbackBuild, 'deploy-prod'))).toContain(`deploying version-${first.number} to prod`);
    const prod = (await call(s, 'GET', '/api/v1/projects/shop/environments/prod/deployments')).json.items;
    expect(prod.map((d: Json) => [d.status, d.digest === artifact.digest, d.rollbackOf !== null])).toEqual([
      ['success', true, true],
      ['rolled_back', false, false],
      ['success', true, false],
    ]);
    const shown = await ritmo(s, 'deploy', '--project', 'shop', '--env', 'prod');
    expect(shown.stdout).toContain(`prod: ${artifact.digest} from build #${rollbackBuild.number}`);
    expect(shown.stdout).toContain('rolled_back');
  });
});
