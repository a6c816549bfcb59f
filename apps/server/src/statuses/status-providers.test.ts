import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommitStatus } from './commit-status.js';
import { createOutboundFetch } from '../outbound/create-outbound-fetch.js';
import { createGiteaStatusProvider } from './gitea-status-provider.js';
import { createGithubStatusProvider, githubStatusProvider as guardedGithubStatusProvider } from './github-status-provider.js';
import { createGitlabStatusProvider } from './gitlab-status-provider.js';
import { startTestForge, type TestForge } from './testing/test-forge-server.js';

// The test forge listens on 127.0.0.1, which outbound calls only reach when allowed.
const localOutbound = createOutboundFetch({ allow: ['127.0.0.1/32'] });
const githubStatusProvider = createGithubStatusProvider(localOutbound);
const gitlabStatusProvider = createGitlabStatusProvider(localOutbound);
const giteaStatusProvider = createGiteaStatusProvider(localOutbound);

const sha = '0123456789abcdef0123456789abcdef01234567';
let forge: TestForge;
beforeAll(async () => {
  forge = await startTestForge();
});
afterAll(() => forge.close());

const status = (provider: CommitStatus['repo']['provider'], state: CommitStatus['state'], apiSuffix = ''): CommitStatus => ({
  repo: { provider, apiUrl: `${forge.url}${apiSuffix}`, fullName: 'acme/widgets', ...(provider === 'gitlab' ? { projectId: 42 } : {}) },
  sha,
  state,
  context: 'ritmo/ci',
  description: 'build #7 failed in 1m',
  targetUrl: 'https://ci.example.com/projects/widgets/builds/7',
});

describe('commit status providers, as each forge documents its request', () => {
  it('GitHub: POST /repos/{owner}/{repo}/statuses/{sha}, bearer token, state failure', async () => {
    forge.calls.length = 0;
    await githubStatusProvider.report(status('github', 'failure'), 'ghp_token');
    expect(forge.calls).toHaveLength(1);
    const [call] = forge.calls;
    expect(call).toMatchObject({ method: 'POST', path: `/repos/acme/widgets/statuses/${sha}` });
    expect(call?.headers).toMatchObject({ authorization: 'Bearer ghp_token', accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', 'content-type': 'application/json' });
    expect(call?.body).toEqual({ state: 'failure', target_url: 'https://ci.example.com/projects/widgets/builds/7', description: 'build #7 failed in 1m', context: 'ritmo/ci' });
    await githubStatusProvider.report(status('github', 'running'), 'ghp_token');
    await githubStatusProvider.report(status('github', 'canceled'), 'ghp_token');
    expect(forge.calls.slice(1).map((c) => (c.body as { state: string }).state)).toEqual(['pending', 'error']);
  });

  it('GitLab: POST /projects/{id}/statuses/{sha}, PRIVATE-TOKEN, state failed and name', async () => {
    forge.calls.length = 0;
    await gitlabStatusProvider.report(status('gitlab', 'failure', '/api/v4'), 'glpat-token');
    const [call] = forge.calls;
    expect(call).toMatchObject({ method: 'POST', path: `/api/v4/projects/42/statuses/${sha}` });
    expect(call?.headers['private-token']).toBe('glpat-token');
    expect(call?.body).toEqual({ state: 'failed', name: 'ritmo/ci', target_url: 'https://ci.example.com/projects/widgets/builds/7', description: 'build #7 failed in 1m' });
    await gitlabStatusProvider.report(status('gitlab', 'running', '/api/v4'), 'glpat-token');
    await gitlabStatusProvider.report(status('gitlab', 'canceled', '/api/v4'), 'glpat-token');
    expect(forge.calls.slice(1).map((c) => (c.body as { state: string }).state)).toEqual(['running', 'canceled']);
  });

  it('Gitea: POST /repos/{owner}/{repo}/statuses/{sha}, Authorization: token', async () => {
    forge.calls.length = 0;
    await giteaStatusProvider.report(status('gitea', 'success', '/api/v1'), 'gitea-token');
    const [call] = forge.calls;
    expect(call).toMatchObject({ method: 'POST', path: `/api/v1/repos/acme/widgets/statuses/${sha}` });
    expect(call?.headers.authorization).toBe('token gitea-token');
    expect(call?.body).toEqual({ state: 'success', target_url: 'https://ci.example.com/projects/widgets/builds/7', description: 'build #7 failed in 1m', context: 'ritmo/ci' });
  });

  it('turns a refusal into ERR_SCM_STATUS_FAILED with the forge’s answer, and an unreachable forge too', async () => {
    forge.answer(422, '{"message":"No commit found for SHA"}');
    try {
      await expect(githubStatusProvider.report(status('github', 'success'), 't')).rejects.toMatchObject({ code: 'ERR_SCM_STATUS_FAILED', message: expect.stringContaining('422') });
    } finally {
      forge.answer(201);
    }
    const gone = { ...status('github', 'success'), repo: { provider: 'github' as const, apiUrl: 'http://127.0.0.1:1', fullName: 'a/b' } };
    await expect(githubStatusProvider.report(gone, 't')).rejects.toMatchObject({ code: 'ERR_SCM_STATUS_FAILED' });
  });

  it('refuses a forge on a private address unless it is allowed', async () => {
    const before = forge.calls.length;
    await expect(guardedGithubStatusProvider.report(status('github', 'success'), 't')).rejects.toMatchObject({ code: 'ERR_SERVER_OUTBOUND_BLOCKED' });
    expect(forge.calls).toHaveLength(before);
  });
});
