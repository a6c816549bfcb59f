import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as api from '@ritmo/protocol';
import { STORE_KINDS } from '@ritmo/store/testing';
import { createTestRepo } from '../scm/testing/test-git-repo.js';
import { githubPush } from './testing/test-payloads.js';
import { githubHeaders, HOOK_SECRET } from './testing/test-signing.js';
import { useTriggerTestServer } from './testing/test-trigger-server.js';

const PIPELINE = `
name: ci
on:
  push: { branches: [main, 'release/*'], paths-ignore: ['docs/**'] }
jobs:
  build:
    runs-on: [linux]
    steps:
      - run: cat hello.txt
`;

describe.each(STORE_KINDS)('a signed push to a real repository (%s)', (kind) => {
  const t = useTriggerTestServer(kind);
  const repo = createTestRepo();
  afterAll(() => repo.remove());

  const deliver = (project: string, body: string, headers: Record<string, string>) => t.call('POST', `/api/v1/hooks/github/${project}`, { token: null, payload: body, headers });
  const buildsOf = async (project: string) => (await t.call('GET', `/api/v1/builds?project=${project}`)).json.items as api.Build[];

  it('creates exactly one build for the pushed commit, once however often it is delivered, and the build checks out that commit', async () => {
    const project = await t.project({ repoUrl: repo.bare });
    await t.secret(project, 'WEBHOOK_SECRET', HOOK_SECRET);
    const first = repo.commit({ '.ritmo.yml': PIPELINE, 'hello.txt': 'one\n' }, 'first');
    const sha = repo.commit({ 'hello.txt': 'hello from the pushed commit\n' }, 'say hello');
    const body = JSON.stringify(githubPush({ ref: 'refs/heads/main', before: first, after: sha, message: 'say hello', files: ['hello.txt'] }));
    const headers = githubHeaders('push', body);

    const res = await deliver(project, body, headers);
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ status: 'accepted', build: { number: 1 } });
    const again = await deliver(project, body, headers);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ status: 'duplicate', build: null });
    const builds = await buildsOf(project);
    expect(builds).toHaveLength(1);
    expect(builds[0]).toMatchObject({ event: 'push', ref: 'refs/heads/main', branch: 'main', sha, message: 'say hello', status: 'queued' });

    // An agent claims the job: it is told to check out exactly that commit of that repository.
    const reg = await t.call('POST', '/api/v1/agent-tokens', { body: { name: `pool-${kind}` } });
    const agent = await t.call('POST', api.agentPaths.register, { token: reg.json.token, body: { name: `a-${kind}`, labels: ['linux'], capacity: 1, version: '0.1.0', executor: 'host', ephemeral: false } });
    const claim = await t.call('POST', api.agentPaths.claim, { token: agent.json.token, body: { requestId: `req_${kind}_1`, slots: 1, waitMs: 0 } });
    const payload = api.JobPayload.parse(claim.json);
    expect(payload.repo).toEqual({ url: repo.bare, sha, ref: 'refs/heads/main' });
    const workspace = mkdtempSync(join(tmpdir(), 'ritmo-ws-'));
    try {
      execFileSync('git', ['clone', '--quiet', payload.repo?.url ?? '', workspace]);
      execFileSync('git', ['checkout', '--quiet', '--detach', payload.repo?.sha ?? ''], { cwd: workspace });
      const step = payload.job.steps[0] as { run: string };
      expect(execFileSync('sh', ['-c', step.run], { cwd: workspace, encoding: 'utf8' })).toBe('hello from the pushed commit\n');
      expect(readFileSync(join(workspace, '.ritmo.yml'), 'utf8')).toBe(PIPELINE);
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
    const done = await t.call('POST', api.agentPath(api.agentPaths.complete, { id: payload.jobId }), {
      token: payload.jobToken,
      body: { attempt: payload.attempt, leaseToken: payload.leaseToken, status: 'success', exitCode: 0 },
    });
    expect(done.status).toBe(200);
    expect((await t.call('GET', `/api/v1/builds/${payload.buildId}`)).json.status).toBe('success');

    const deliveries = (await t.call('GET', `/api/v1/projects/${project}/deliveries`)).json.items as api.WebhookDelivery[];
    expect(deliveries.map((d) => [d.status, d.httpStatus]).sort()).toEqual([
      ['accepted', 202],
      ['duplicate', 200],
    ]);
    const accepted = deliveries.find((d) => d.status === 'accepted');
    expect(accepted).toMatchObject({ verified: true, event: 'push', buildId: payload.buildId, deliveryId: headers['x-github-delivery'] });
    expect(accepted?.headers['x-hub-signature-256']).toBe('[redacted]');
  });

  it('starts nothing for a deleted ref, a filtered branch, docs-only changes or [skip ci], and says why', async () => {
    const project = await t.project({ repoUrl: repo.bare });
    await t.secret(project, 'WEBHOOK_SECRET', HOOK_SECRET);
    const base = repo.commit({ '.ritmo.yml': PIPELINE }, 'pipeline');
    const docs = repo.commit({ 'docs/guide.md': 'words' }, 'docs only');
    const skip = repo.commit({ 'src/x.ts': 'x' }, 'tweak [skip ci]');
    const cases: [Record<string, unknown>, RegExp][] = [
      [githubPush({ ref: 'refs/heads/gone', before: skip, after: '0'.repeat(40), deleted: true }), /deleted/],
      [githubPush({ ref: 'refs/heads/dev', before: base, after: docs, files: ['docs/guide.md'] }), /branch "dev" does not match branches/],
      // Files from the payload.
      [githubPush({ ref: 'refs/heads/main', before: base, after: docs, files: ['docs/guide.md'] }), /paths-ignore/],
      // No file list in the payload: the mirror diffs before..after.
      [githubPush({ ref: 'refs/heads/main', before: base, after: docs }), /paths-ignore/],
      [githubPush({ ref: 'refs/heads/main', before: docs, after: skip, message: 'tweak [skip ci]', files: ['src/x.ts'] }), /skip ci/],
      // The head message is read from the mirror when the payload has none.
      [githubPush({ ref: 'refs/heads/main', before: docs, after: skip }), /skip ci/],
    ];
    for (const [payload, why] of cases) {
      if (payload['commits'] && (payload['commits'] as unknown[]).length === 0 && payload['head_commit']) payload['head_commit'] = null;
      const body = JSON.stringify(payload);
      const res = await deliver(project, body, githubHeaders('push', body));
      expect(res.status, res.text).toBe(200);
      expect(res.json).toMatchObject({ status: 'ignored', build: null });
      expect(res.json.result).toMatch(why);
    }
    expect(await buildsOf(project)).toHaveLength(0);
  });

  it('builds a tag push and a new branch, reading the pipeline at the pushed commit', async () => {
    const project = await t.project({ repoUrl: repo.bare });
    await t.secret(project, 'WEBHOOK_SECRET', HOOK_SECRET);
    const tagged = repo.commit({ '.ritmo.yml': PIPELINE.replace("branches: [main, 'release/*']", "branches: [main, 'release/*'], tags: ['v*']"), 'src/y.ts': 'y' }, 'release');
    repo.git('tag', 'v1.2.0');
    repo.git('push', '--quiet', 'origin', 'v1.2.0');
    const tag = JSON.stringify(githubPush({ ref: 'refs/tags/v1.2.0', before: '0'.repeat(40), after: tagged }));
    const res = await deliver(project, tag, githubHeaders('push', tag));
    expect(res.status, res.text).toBe(202);
    const build = (await t.call('GET', `/api/v1/builds/${res.json.build.id}`)).json;
    expect(build).toMatchObject({ event: 'tag', tag: 'v1.2.0', ref: 'refs/tags/v1.2.0', sha: tagged });
  });
});
