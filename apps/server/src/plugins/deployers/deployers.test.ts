import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeployRequest, PluginContext } from '@ritmo/plugin-sdk';
import { createSilentLogger } from '@ritmo/shared';
import { createOutboundFetch } from '../../outbound/create-outbound-fetch.js';
import { startTestReceiver, type TestReceiver } from '../testing/test-receiver.js';
import { createGithubDispatchDeployer } from './github-dispatch-deployer.js';
import { gitopsDeployer } from './gitops-deployer.js';
import { createWebhookDeployer, SIGNATURE_HEADER, webhookDeployer as guardedWebhookDeployer } from './webhook-deployer.js';

// The receiver listens on 127.0.0.1, which outbound calls only reach when allowed.
const localOutbound = createOutboundFetch({ allow: ['127.0.0.1/32'] });
const webhookDeployer = createWebhookDeployer(localOutbound);
const githubDispatchDeployer = createGithubDispatchDeployer(localOutbound);

const digest = 'sha256:' + 'ab'.repeat(32);
const request: DeployRequest = {
  project: 'widgets',
  environment: 'staging',
  environmentUrl: 'https://staging.example.com',
  deploymentId: 'dep_1',
  build: { id: 'b_1', number: 7, sha: '0123456789abcdef0123456789abcdef01234567', ref: 'refs/heads/main', url: 'https://ci.example.com/projects/widgets/builds/7' },
  artifact: { id: 'art_1', name: 'dist', digest, url: 'https://ci.example.com/api/v1/artifacts/art_1/download' },
  actor: 'alice',
  rollback: false,
};
const ctx = (): PluginContext => ({ logger: createSilentLogger(), signal: new AbortController().signal });

let receiver: TestReceiver;
beforeAll(async () => {
  receiver = await startTestReceiver();
});
afterAll(() => receiver.close());

describe('deploy-webhook', () => {
  it('POSTs the deployment as JSON signed with HMAC-SHA256 of the raw body', async () => {
    receiver.calls.length = 0;
    const result = await webhookDeployer.extension.deploy(request, { url: `${receiver.url}/hooks/deploy`, secret: 's3cret' }, ctx());
    expect(result.summary).toContain('accepted');
    const [call] = receiver.calls;
    expect(call?.path).toBe('/hooks/deploy');
    const expected = `sha256=${createHmac('sha256', 's3cret').update(call?.raw ?? '').digest('hex')}`;
    expect(call?.headers[SIGNATURE_HEADER]).toBe(expected);
    expect(JSON.parse(call?.raw ?? '')).toMatchObject({ event: 'deploy', environment: { name: 'staging' }, artifact: { digest, url: request.artifact?.url }, build: { number: 7 } });
  });

  it('fails with ERR_PLUGIN_DEPLOY_FAILED when the receiver refuses, and ERR_PLUGIN_CONFIG_INVALID without a secret', async () => {
    receiver.answer(500);
    try {
      await expect(webhookDeployer.extension.deploy(request, { url: receiver.url, secret: 'x' }, ctx())).rejects.toMatchObject({ code: 'ERR_PLUGIN_DEPLOY_FAILED', message: expect.stringContaining('500') });
    } finally {
      receiver.answer(200);
    }
    await expect(webhookDeployer.extension.deploy(request, { url: receiver.url }, ctx())).rejects.toMatchObject({ code: 'ERR_PLUGIN_CONFIG_INVALID' });
    const before = receiver.calls.length;
    await expect(guardedWebhookDeployer.extension.deploy(request, { url: receiver.url, secret: 'x' }, ctx())).rejects.toMatchObject({ code: 'ERR_SERVER_OUTBOUND_BLOCKED' });
    expect(receiver.calls).toHaveLength(before);
  });
});

describe('deploy-github-dispatch', () => {
  it('calls workflow_dispatch with the ref and the deployment as inputs', async () => {
    receiver.calls.length = 0;
    receiver.answer(204);
    try {
      await githubDispatchDeployer.extension.deploy(request, { apiUrl: receiver.url, repo: 'acme/infra', workflow: 'deploy.yml', ref: 'prod', token: 'ghp_x' }, ctx());
    } finally {
      receiver.answer(200);
    }
    const [call] = receiver.calls;
    expect(call).toMatchObject({ method: 'POST', path: '/repos/acme/infra/actions/workflows/deploy.yml/dispatches' });
    expect(call?.headers).toMatchObject({ authorization: 'Bearer ghp_x', accept: 'application/vnd.github+json' });
    expect(JSON.parse(call?.raw ?? '')).toEqual({ ref: 'prod', inputs: { environment: 'staging', digest, artifact_url: request.artifact?.url, build: '7', sha: request.build.sha } });
  });
});

describe('deploy-gitops', () => {
  const git = (args: string[], cwd: string) => execFileSync('git', args, { cwd, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } }).toString();
  let root: string;
  let bare: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ritmo-gitops-test-'));
    bare = join(root, 'infra.git');
    git(['init', '--quiet', '--bare', '--initial-branch=main', bare], root);
    const work = join(root, 'work');
    git(['clone', '--quiet', bare, work], root);
    writeFileSync(join(work, 'app.yaml'), 'spec:\n  containers:\n    - name: app\n      image: registry.example.com/app:old\n');
    git(['add', 'app.yaml'], work);
    git(['commit', '--quiet', '-m', 'init'], work);
    git(['push', '--quiet', 'origin', 'HEAD:refs/heads/main'], work);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const settings = () => ({ repo: bare, file: 'app.yaml', pattern: 'image: registry\\.example\\.com/app:(\\S+)', value: 'sha-{tag}' });

  it('commits the new tag to the manifest and pushes it to the branch', async () => {
    const result = await gitopsDeployer.extension.deploy(request, settings(), ctx());
    expect(result.summary).toMatch(/^committed [0-9a-f]{12} to main/);
    expect(git(['show', 'main:app.yaml'], bare)).toBe(`spec:\n  containers:\n    - name: app\n      image: registry.example.com/app:sha-${'ab'.repeat(32)}\n`);
    expect(git(['log', '-1', '--format=%an %s', 'main'], bare).trim()).toBe('Ritmo deploy widgets build #7 to staging');
  });

  it('leaves a manifest already at the version alone, and refuses a pattern that matches nothing', async () => {
    const head = git(['rev-parse', 'main'], bare);
    expect((await gitopsDeployer.extension.deploy(request, settings(), ctx())).summary).toContain('already at');
    expect(git(['rev-parse', 'main'], bare)).toBe(head);
    await expect(gitopsDeployer.extension.deploy(request, { ...settings(), pattern: 'tag: (\\S+)' }, ctx())).rejects.toMatchObject({ code: 'ERR_PLUGIN_CONFIG_INVALID' });
    await expect(gitopsDeployer.extension.deploy(request, { ...settings(), branch: 'nope' }, ctx())).rejects.toMatchObject({ code: 'ERR_PLUGIN_DEPLOY_FAILED' });
  });
});
