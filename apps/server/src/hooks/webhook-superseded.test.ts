import { afterAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from '@ritmo/store/testing';
import { createTestRepo } from '../scm/testing/test-git-repo.js';
import { githubPullRequest, githubPush } from './testing/test-payloads.js';
import { githubHeaders, HOOK_SECRET } from './testing/test-signing.js';
import { useTriggerTestServer } from './testing/test-trigger-server.js';

const PIPELINE = `
name: ci
on:
  push: {}
  pull_request: {}
jobs:
  test:
    steps:
      - run: echo test
`;

describe.each(STORE_KINDS)('superseded builds and fork approval, through webhook deliveries (%s)', (kind) => {
  const t = useTriggerTestServer(kind);
  const repo = createTestRepo();
  afterAll(() => repo.remove());
  const base = repo.commit({ '.ritmo.yml': PIPELINE, 'a.txt': 'a' }, 'base');

  const deliver = async (project: string, event: 'push' | 'pull_request', payload: Record<string, unknown>) => {
    const body = JSON.stringify(payload);
    const res = await t.call('POST', `/api/v1/hooks/github/${project}`, { token: null, payload: body, headers: githubHeaders(event, body) });
    expect(res.status, res.text).toBeLessThan(300);
    return res;
  };
  const setup = async (settings?: Record<string, unknown>): Promise<string> => {
    const name = await t.project({ repoUrl: repo.bare });
    await t.secret(name, 'WEBHOOK_SECRET', HOOK_SECRET);
    if (settings) {
      const project = await t.store.projects.getProjectByName(name);
      await t.store.projects.updateProject(project.id, { settings: { ...project.settings, ...settings } });
    }
    return name;
  };
  const status = async (id: string) => (await t.store.builds.getBuild(id)).status;

  it('a synchronize cancels the older builds of that pull request only (on by default)', async () => {
    const project = await setup();
    repo.branch(`pr-${kind}`, base);
    const one = repo.commit({ 'a.txt': 'a1' }, 'one');
    repo.pushRef('refs/pull/11/head');
    const pr = { number: 11, headRef: `pr-${kind}`, baseSha: base, baseRef: 'main' };
    const opened = await deliver(project, 'pull_request', githubPullRequest({ action: 'opened', headSha: one, ...pr }));
    const other = await deliver(project, 'pull_request', githubPullRequest({ action: 'opened', headSha: one, ...pr, number: 12 }));
    const two = repo.commit({ 'a.txt': 'a2' }, 'two');
    repo.pushRef('refs/pull/11/head');
    repo.git('checkout', '--quiet', 'main');
    const synced = await deliver(project, 'pull_request', githubPullRequest({ action: 'synchronize', headSha: two, ...pr }));
    expect(synced.json.result).toMatch(new RegExp(`superseded #${opened.json.build.number}$`));
    expect(await t.store.builds.getBuild(opened.json.build.id)).toMatchObject({ status: 'canceled', canceledBy: 'webhook' });
    expect(await status(other.json.build.id)).toBe('queued');
    expect(await status(synced.json.build.id)).toBe('queued');
  });

  it('pushes to a branch supersede only when the project turns it on, and only on that branch', async () => {
    const push = (after: string, before: string, ref = 'refs/heads/main') => githubPush({ ref, before, after, files: ['a.txt'] });
    const off = await setup();
    const first = await deliver(off, 'push', push(base, '0'.repeat(40)));
    await deliver(off, 'push', push(base, base));
    expect(await status(first.json.build.id)).toBe('queued');

    const on = await setup({ cancelSuperseded: { branches: true } });
    const older = await deliver(on, 'push', push(base, '0'.repeat(40)));
    const elsewhere = await deliver(on, 'push', push(base, '0'.repeat(40), 'refs/heads/release'));
    const newer = await deliver(on, 'push', push(base, base));
    expect(newer.json.result).toMatch(/superseded/);
    expect(await status(older.json.build.id)).toBe('canceled');
    expect(await status(elsewhere.json.build.id)).toBe('queued');
  });

  it('a fork pull request waits for approval unless the project sets requireApprovalForForks: false', async () => {
    const payload = (n: number) => githubPullRequest({ action: 'opened', number: n, headSha: base, headRef: 'main', baseSha: base, baseRef: 'main', fork: true });
    repo.pushRef('refs/pull/21/head');
    repo.pushRef('refs/pull/22/head');
    const strict = await deliver(await setup(), 'pull_request', payload(21));
    expect(await t.store.builds.getBuild(strict.json.build.id)).toMatchObject({ trusted: false, status: 'waiting' });
    const relaxed = await deliver(await setup({ requireApprovalForForks: false }), 'pull_request', payload(22));
    expect(await t.store.builds.getBuild(relaxed.json.build.id)).toMatchObject({ trusted: false, status: 'queued' });
  });
});
