import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORE_KINDS } from '@ritmo/store/testing';
import { githubExample } from './testing/test-payloads.js';
import { genericHeaders, githubHeaders, gitlabHeaders, HOOK_SECRET, hmacHex } from './testing/test-signing.js';
import { useTriggerTestServer } from './testing/test-trigger-server.js';

const testdata = join(import.meta.dirname, 'testdata');
const bytes = (path: string): Buffer => readFileSync(join(testdata, path));
const vectors = JSON.parse(bytes('signature-vectors.json').toString('utf8')) as { vectors: { provider: string; headers: Record<string, string> }[] };
const vectorHeaders = (provider: string): Record<string, string> =>
  Object.fromEntries(Object.entries(vectors.vectors.find((v) => v.provider === provider)?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));

// An inline pipeline: the fixtures' commits are not in any local repository.
const PIPELINE = `
on:
  push: {}
  pull_request: {}
jobs:
  build:
    steps:
      - run: echo \${{ ritmo.event }}
`;

describe.each(STORE_KINDS)('real payloads of each provider (%s)', (kind) => {
  const t = useTriggerTestServer(kind);
  const setup = async (): Promise<string> => {
    const project = await t.project({ pipeline: PIPELINE });
    await t.secret(project, 'WEBHOOK_SECRET', HOOK_SECRET);
    return project;
  };
  const send = (provider: string, project: string, payload: Buffer | string, headers: Record<string, string>) =>
    t.call('POST', `/api/v1/hooks/${provider}/${project}`, { token: null, payload, headers: { 'content-type': 'application/json', ...headers } });
  const buildOf = async (id: string) => t.store.builds.getBuild(id);

  it('GitLab: the documented push, tag push and a merge request, with the secret token', async () => {
    const project = await setup();
    const push = await send('gitlab', project, bytes('gitlab/gitlab-docs__push-hook.json'), gitlabHeaders('Push Hook'));
    expect(push.status, push.text).toBe(202);
    expect(await buildOf(push.json.build.id)).toMatchObject({ event: 'push', branch: 'master', sha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7', message: 'fixed readme', trusted: true });
    const tag = await send('gitlab', project, bytes('gitlab/gitlab-docs__tag-push-hook.json'), gitlabHeaders('Tag Push Hook'));
    expect(await buildOf(tag.json.build.id)).toMatchObject({ event: 'tag', tag: 'v1.0.0', sha: '82b3d5ae55f7080f1e6022629cdb57bfae7cccc7' });
    const mr = await send('gitlab', project, bytes('gitlab/go-gitlab__merge_request.json'), gitlabHeaders('Merge Request Hook'));
    expect(mr.status, mr.text).toBe(202);
    const build = await buildOf(mr.json.build.id);
    expect(build).toMatchObject({ event: 'pull_request', ref: 'refs/merge-requests/1/head', trusted: true });
    expect(build.trigger).toMatchObject({ prAction: 'opened', baseBranch: 'master', pullRequest: { number: 1, fromFork: false }, forge: { provider: 'gitlab', projectId: 1 } });
    const pipeline = await send('gitlab', project, bytes('gitlab/go-gitlab__pipeline.json'), gitlabHeaders('Pipeline Hook'));
    expect(pipeline.json).toMatchObject({ status: 'ignored' });
    const wrong = await send('gitlab', project, bytes('gitlab/gitlab-docs__push-hook.json'), { ...gitlabHeaders('Push Hook'), 'x-gitlab-token': 'guess' });
    expect([wrong.status, wrong.json.error]).toEqual([401, 'ERR_HOOK_SIGNATURE_INVALID']);
  });

  it('GitLab signing tokens (Standard Webhooks) verify against the body, id and a fresh timestamp', async () => {
    const project = await t.project({ pipeline: PIPELINE });
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    await t.secret(project, 'WEBHOOK_SECRET', secret);
    const body = bytes('gitlab/gitlab-docs__push-hook.json');
    const id = 'msg_test_1';
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = createHmac('sha256', Buffer.from(secret.slice(6), 'base64')).update(`${id}.${ts}.`).update(body).digest('base64');
    const headers = { 'x-gitlab-event': 'Push Hook', 'webhook-id': id, 'idempotency-key': id, 'webhook-timestamp': ts, 'webhook-signature': `v1,${sig}` };
    expect((await send('gitlab', project, body, headers)).status).toBe(202);
    const stale = { ...headers, 'webhook-id': 'msg_test_2', 'idempotency-key': 'msg_test_2', 'webhook-timestamp': String(Number(ts) - 3600) };
    expect((await send('gitlab', project, body, stale)).json.error).toBe('ERR_HOOK_TIMESTAMP_STALE');
  });

  it('Gitea and Forgejo: the push fixture with its published header sets; the fork pull request is untrusted and waits', async () => {
    const project = await setup();
    const body = bytes('gitea/go-playground__push-event.json');
    const gitea = await send('gitea', project, body, { ...vectorHeaders('gitea'), 'x-gitea-delivery': 'gitea-1' });
    expect(gitea.status, gitea.text).toBe(202);
    expect(await buildOf(gitea.json.build.id)).toMatchObject({ event: 'push', branch: 'master', sha: '67b56589a45103f891bdee7c0546e5d40bc02001' });
    const forgejo = await send('forgejo', project, body, { ...vectorHeaders('forgejo'), 'x-forgejo-delivery': 'forgejo-1' });
    expect(forgejo.status, forgejo.text).toBe(202);

    const pr = bytes('gitea/go-playground__pull-request-event.json');
    const res = await send('gitea', project, pr, { 'x-gitea-event': 'pull_request', 'x-gitea-delivery': 'gitea-pr-1', 'x-gitea-signature': hmacHex(pr) });
    expect(res.status, res.text).toBe(202);
    const build = await buildOf(res.json.build.id);
    expect(build).toMatchObject({ event: 'pull_request', ref: 'refs/pull/2/head', trusted: false, status: 'waiting' });
    const jobs = await t.store.jobs.listBuildJobs(build.id);
    expect(jobs.map((j) => [j.status, j.reason])).toEqual([['waiting', 'approval']]);
    const create = bytes('gitea/go-playground__create-event.json');
    expect((await send('gitea', project, create, { 'x-gitea-event': 'create', 'x-gitea-delivery': 'c-1', 'x-gitea-signature': hmacHex(create) })).json.status).toBe('ignored');
  });

  it('Gogs and the generic provider', async () => {
    const project = await setup();
    const gogs = bytes('gogs/go-playground__push-event.json');
    const res = await send('gogs', project, gogs, { 'x-gogs-event': 'push', 'x-gogs-delivery': 'gogs-1', 'x-gogs-signature': hmacHex(gogs) });
    expect(res.status, res.text).toBe(202);
    expect(await buildOf(res.json.build.id)).toMatchObject({ branch: 'develop', sha: 'bffeb74224043ba2feb48d137756c8a9331c449a' });
    const generic = JSON.stringify({ ref: 'main', sha: 'c'.repeat(40), message: 'from a script' });
    const g = await send('generic', project, generic, genericHeaders('push', generic));
    expect(g.status, g.text).toBe(202);
    expect(await buildOf(g.json.build.id)).toMatchObject({ branch: 'main', message: 'from a script' });
  });

  it('GitHub: ping answers without a build; form-encoded deliveries are read from their payload field', async () => {
    const project = await setup();
    const ping = JSON.stringify(githubExample('ping'));
    const res = await send('github', project, ping, githubHeaders('ping', ping));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'ignored', build: null });
    const push = githubExample('push', (p) => p['ref'] === 'refs/heads/master');
    const form = new URLSearchParams({ payload: JSON.stringify(push) }).toString();
    const formed = await send('github', project, form, { ...githubHeaders('push', form), 'content-type': 'application/x-www-form-urlencoded' });
    expect(formed.status, formed.text).toBe(202);
  });
});
