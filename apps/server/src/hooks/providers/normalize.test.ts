import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { HookEvent, PullRequestEvent, PushEvent } from '../hook-event.js';
import { createHookProviders } from './hook-providers.js';
import type { HookProvider, ProviderName } from './hook-provider.js';

const testdata = join(import.meta.dirname, '..', 'testdata');
const fixture = (path: string): unknown => JSON.parse(readFileSync(join(testdata, path), 'utf8'));
const providers = createHookProviders();
const normalize = (name: ProviderName, event: string | undefined, payload: unknown): HookEvent => (providers.get(name) as HookProvider).normalize(event, payload);

interface Example {
  name: string;
  examples: Record<string, unknown>[];
}
const github = createRequire(import.meta.url)('@octokit/webhooks-examples') as Example[];
const examplesOf = (name: string): Record<string, unknown>[] => github.find((e) => e.name === name)?.examples ?? [];

describe('GitHub payloads (@octokit/webhooks-examples)', () => {
  it('reads every push example: branch and tag pushes, deleted refs, head message, api root', () => {
    const events = examplesOf('push').map((p) => normalize('github', 'push', p) as PushEvent);
    expect(events).toHaveLength(7);
    const branch = events.find((e) => e.ref === 'refs/heads/master');
    expect(branch).toMatchObject({ kind: 'push', before: null, deleted: false, message: 'Initial commit', repo: { provider: 'github', apiUrl: 'https://api.github.com', fullName: 'Codertocat/Hello-World' } });
    // A new branch: the payload's commit list is not "what changed", so the server diffs instead.
    expect(branch?.changedFiles).toBeNull();
    expect(events.filter((e) => e.deleted).map((e) => e.ref)).toEqual(Array(4).fill('refs/tags/simple-tag'));
  });

  it('reads every pull_request example with its action, refs and trust', () => {
    for (const payload of examplesOf('pull_request')) {
      const e = normalize('github', 'pull_request', payload) as PullRequestEvent;
      expect(e).toMatchObject({ kind: 'pull_request', action: payload['action'], ref: `refs/pull/${String(payload['number'])}/head`, fromFork: false });
      expect(e.headSha).toMatch(/^[0-9a-f]{40}$/);
    }
    const sync = examplesOf('pull_request').find((p) => p['action'] === 'synchronize');
    expect(normalize('github', 'pull_request', sync)).toMatchObject({ headBranch: 'changes', baseBranch: 'master', headSha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821' });
  });

  it('marks a pull request whose head lives in another repository (or a deleted fork) as from a fork', () => {
    const opened = structuredClone(examplesOf('pull_request').find((p) => p['action'] === 'opened')) as { pull_request: { head: { repo: { id: number } | null } } };
    (opened.pull_request.head.repo as { id: number }).id += 1;
    expect(normalize('github', 'pull_request', opened)).toMatchObject({ fromFork: true });
    opened.pull_request.head.repo = null;
    expect(normalize('github', 'pull_request', opened)).toMatchObject({ fromFork: true });
  });

  it('answers ping, ignores other known events and refuses unknown or missing ones', () => {
    expect(normalize('github', 'ping', examplesOf('ping')[0])).toEqual({ kind: 'ping' });
    expect(normalize('github', 'create', examplesOf('create')[0])).toMatchObject({ kind: 'ignored' });
    expect(() => normalize('github', 'pushh', {})).toThrow(expect.objectContaining({ code: 'ERR_HOOK_UNSUPPORTED_EVENT' }));
    expect(() => normalize('github', undefined, {})).toThrow(expect.objectContaining({ code: 'ERR_HOOK_UNSUPPORTED_EVENT' }));
    expect(() => normalize('github', 'push', { ref: 1 })).toThrow(expect.objectContaining({ code: 'ERR_HOOK_MALFORMED_PAYLOAD' }));
  });
});

describe('GitLab payloads', () => {
  it('reads the documented push with its complete file list and head message', () => {
    const e = normalize('gitlab', 'Push Hook', fixture('gitlab/gitlab-docs__push-hook.json')) as PushEvent;
    expect(e).toMatchObject({ ref: 'refs/heads/master', after: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7', deleted: false, message: 'fixed readme' });
    // total_commits_count (4) exceeds the two commits listed: the list is cut, so files come from a diff.
    expect(e.changedFiles).toBeNull();
    expect(e.repo).toMatchObject({ provider: 'gitlab', fullName: 'mike/diaspora', apiUrl: 'http://example.com/api/v4', projectId: 15 });
  });

  it('reads a tag push and a merge request (open -> opened, same project -> not a fork)', () => {
    expect(normalize('gitlab', 'Tag Push Hook', fixture('gitlab/gitlab-docs__tag-push-hook.json'))).toMatchObject({ kind: 'push', ref: 'refs/tags/v1.0.0', before: null, deleted: false });
    const mr = normalize('gitlab', 'Merge Request Hook', fixture('gitlab/go-gitlab__merge_request.json'));
    expect(mr).toMatchObject({ kind: 'pull_request', action: 'opened', number: 1, ref: 'refs/merge-requests/1/head', headBranch: 'ms-viewport', baseBranch: 'master', fromFork: false });
    const forked = structuredClone(fixture('gitlab/go-gitlab__merge_request.json')) as { object_attributes: { source_project_id: number; action: string; oldrev?: string } };
    forked.object_attributes.source_project_id = 99;
    forked.object_attributes.action = 'update';
    forked.object_attributes.oldrev = 'f00d';
    expect(normalize('gitlab', 'Merge Request Hook', forked)).toMatchObject({ fromFork: true, action: 'synchronize' });
    expect(normalize('gitlab', 'Pipeline Hook', fixture('gitlab/go-gitlab__pipeline.json'))).toMatchObject({ kind: 'ignored' });
  });
});

describe('Gitea, Forgejo and Gogs payloads', () => {
  it('reads the Gitea push with its files, and the same payload through Forgejo', () => {
    const payload = fixture('gitea/go-playground__push-event.json');
    const e = normalize('gitea', 'push', payload) as PushEvent;
    expect(e).toMatchObject({ ref: 'refs/heads/master', before: null, after: '67b56589a45103f891bdee7c0546e5d40bc02001', message: 'example\n' });
    expect(e.repo).toMatchObject({ provider: 'gitea', fullName: 'example/example', apiUrl: 'http://localhost:3000/api/v1' });
    expect(normalize('forgejo', 'push', payload)).toEqual(e);
  });

  it('marks the Gitea pull request from repository 2 into repository 1 as from a fork', () => {
    expect(normalize('gitea', 'pull_request', fixture('gitea/go-playground__pull-request-event.json'))).toMatchObject({
      kind: 'pull_request',
      action: 'opened',
      number: 2,
      fromFork: true,
      baseBranch: 'master',
    });
    expect(normalize('gitea', 'create', fixture('gitea/go-playground__create-event.json'))).toMatchObject({ kind: 'ignored' });
    expect(normalize('gitea', 'delete', fixture('gitea/go-playground__delete-event.json'))).toMatchObject({ kind: 'ignored' });
  });

  it('reads a Gogs push, whose commits carry no file lists', () => {
    const e = normalize('gogs', 'push', fixture('gogs/go-playground__push-event.json')) as PushEvent;
    expect(e).toMatchObject({ ref: 'refs/heads/develop', after: 'bffeb74224043ba2feb48d137756c8a9331c449a', changedFiles: null, repo: null });
  });
});

describe('generic payloads', () => {
  it('reads push, tag and pull request payloads and derives fork-ness from the repositories', () => {
    const sha = 'a'.repeat(40);
    expect(normalize('generic', 'push', { ref: 'main', sha, changedFiles: ['b', 'a', 'b'] })).toMatchObject({ ref: 'refs/heads/main', after: sha, changedFiles: ['a', 'b'] });
    expect(normalize('generic', 'tag', { ref: 'v1', sha })).toMatchObject({ ref: 'refs/tags/v1' });
    const pr = { action: 'opened', number: 3, sha, headBranch: 'f', baseBranch: 'main', headRepo: 'https://x/fork.git', baseRepo: 'https://x/repo.git' };
    expect(normalize('generic', 'pull_request', pr)).toMatchObject({ fromFork: true, ref: 'refs/pull/3/head' });
    expect(() => normalize('generic', 'push', { ref: 'main', sha: 'xyz' })).toThrow(expect.objectContaining({ code: 'ERR_HOOK_MALFORMED_PAYLOAD' }));
  });
});
