import { afterAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from '@ritmo/store/testing';
import { createTestRepo } from '../scm/testing/test-git-repo.js';
import { githubPullRequest } from './testing/test-payloads.js';
import { githubHeaders, HOOK_SECRET } from './testing/test-signing.js';
import { useTriggerTestServer } from './testing/test-trigger-server.js';

const PIPELINE = `
name: pr
on:
  pull_request: { branches: [main], paths-ignore: ['docs/**'] }
jobs:
  test:
    steps:
      - run: echo test
`;

describe.each(STORE_KINDS)('pull request deliveries on a real repository (%s)', (kind) => {
  const t = useTriggerTestServer(kind);
  const repo = createTestRepo();
  afterAll(() => repo.remove());

  const base = repo.commit({ '.ritmo.yml': PIPELINE, 'src/a.ts': 'a' }, 'base');
  const open = (number: number, branch: string, files: Record<string, string>): string => {
    repo.branch(branch, base);
    const sha = repo.commit(files, `work on ${branch}`);
    repo.pushRef(`refs/pull/${number}/head`);
    repo.git('checkout', '--quiet', 'main');
    return sha;
  };

  const deliver = async (project: string, payload: Record<string, unknown>) => {
    const body = JSON.stringify(payload);
    return t.call('POST', `/api/v1/hooks/github/${project}`, { token: null, payload: body, headers: githubHeaders('pull_request', body) });
  };
  const setup = async (): Promise<string> => {
    const project = await t.project({ repoUrl: repo.bare });
    await t.secret(project, 'WEBHOOK_SECRET', HOOK_SECRET);
    return project;
  };

  it('builds opened and synchronized pull requests at their head; closing cancels the ones still running', async () => {
    const project = await setup();
    const headSha = open(1, `feature-${kind}`, { 'src/a.ts': 'a2' });
    const pr = { number: 1, headSha, headRef: `feature-${kind}`, baseSha: base, baseRef: 'main' };
    const opened = await deliver(project, githubPullRequest({ action: 'opened', ...pr }));
    expect(opened.status, opened.text).toBe(202);
    const first = await t.store.builds.getBuild(opened.json.build.id);
    expect(first).toMatchObject({ event: 'pull_request', ref: 'refs/pull/1/head', sha: headSha, trusted: true, status: 'queued' });
    expect(first.trigger).toMatchObject({ prAction: 'opened', baseBranch: 'main', pullRequest: { number: 1, headBranch: `feature-${kind}`, fromFork: false } });
    const synced = await deliver(project, githubPullRequest({ action: 'synchronize', ...pr }));
    expect(synced.status).toBe(202);
    expect((await deliver(project, githubPullRequest({ action: 'labeled', ...pr }))).json.result).toMatch(/types/);

    // Another pull request's build is left alone.
    const other = open(2, `other-${kind}`, { 'src/b.ts': 'b' });
    const otherBuild = (await deliver(project, githubPullRequest({ action: 'opened', number: 2, headSha: other, headRef: `other-${kind}`, baseSha: base, baseRef: 'main' }))).json.build;

    const closed = await deliver(project, githubPullRequest({ action: 'closed', ...pr }));
    expect(closed.status, closed.text).toBe(200);
    expect(closed.json).toMatchObject({ status: 'accepted', build: null });
    expect(closed.json.result).toMatch(/canceled #2$/);
    // The synchronize superseded the opened build; the close canceled the synchronized one.
    for (const id of [opened.json.build.id, synced.json.build.id]) {
      expect(await t.store.builds.getBuild(id)).toMatchObject({ status: 'canceled', canceledBy: 'webhook' });
    }
    expect((await t.store.builds.getBuild(otherBuild.id)).status).toBe('queued');
    expect((await deliver(project, githubPullRequest({ action: 'closed', ...pr }))).json.result).toMatch(/no running build/);
  });

  it('makes a pull request from a fork untrusted: its jobs wait for approval', async () => {
    const project = await setup();
    const sha = open(3, `fork-${kind}`, { 'src/c.ts': 'c' });
    const res = await deliver(project, githubPullRequest({ action: 'opened', number: 3, headSha: sha, headRef: 'main', baseSha: base, baseRef: 'main', fork: true }));
    expect(res.status, res.text).toBe(202);
    const build = await t.store.builds.getBuild(res.json.build.id);
    expect(build).toMatchObject({ trusted: false, status: 'waiting' });
    expect(build.trigger).toMatchObject({ pullRequest: { fromFork: true } });
    expect((await t.store.jobs.listBuildJobs(build.id)).map((j) => j.status)).toEqual(['waiting']);
  });

  it('diffs the pull request on the mirror for path filters, and filters the base branch', async () => {
    const project = await setup();
    const sha = open(4, `docs-${kind}`, { 'docs/readme.md': 'words' });
    const docs = await deliver(project, githubPullRequest({ action: 'opened', number: 4, headSha: sha, headRef: `docs-${kind}`, baseSha: base, baseRef: 'main' }));
    expect(docs.json).toMatchObject({ status: 'ignored' });
    expect(docs.json.result).toMatch(/paths-ignore/);
    const intoDev = await deliver(project, githubPullRequest({ action: 'opened', number: 4, headSha: sha, headRef: `docs-${kind}`, baseSha: base, baseRef: 'dev' }));
    expect(intoDev.json.result).toMatch(/base branch "dev"/);
    expect((await t.call('GET', `/api/v1/builds?project=${project}`)).json.items).toHaveLength(0);
  });
});
