import { describe, expect, it } from 'vitest';
import type { TriggerContext, Triggers } from '../plan.js';
import { matchTrigger } from './match-trigger.js';

const on = (fields: Partial<Triggers>): Triggers => ({ schedule: [], ...fields });
const push = (branch: string, extra: Partial<TriggerContext> = {}): TriggerContext => ({
  event: 'push',
  ref: `refs/heads/${branch}`,
  branch,
  ...extra,
});
const tagPush = (tag: string): TriggerContext => ({ event: 'tag', ref: `refs/tags/${tag}`, tag });
const pr = (baseBranch: string, extra: Partial<TriggerContext> = {}): TriggerContext => ({
  event: 'pull_request',
  baseBranch,
  prAction: 'opened',
  ...extra,
});

describe('matchTrigger', () => {
  it.each([
    { name: 'push without filters', on: on({ push: {} }), t: push('dev'), matched: true },
    { name: 'no on.push', on: on({ pullRequest: { types: [] } }), t: push('main'), matched: false, reason: 'the pipeline has no on.push' },
    { name: 'branch listed', on: on({ push: { branches: ['main', 'release/*'] } }), t: push('release/1.2'), matched: true },
    {
      name: 'branch not listed',
      on: on({ push: { branches: ['main', 'release/*'] } }),
      t: push('dev'),
      matched: false,
      reason: 'branch "dev" does not match branches [main, release/*]',
    },
    {
      name: 'branch ignored',
      on: on({ push: { branchesIgnore: ['wip/**'] } }),
      t: push('wip/a/b'),
      matched: false,
      reason: 'branch "wip/a/b" matches branches-ignore [wip/**]',
    },
    { name: 'branch known only from the ref', on: on({ push: { branches: ['main'] } }), t: { event: 'push', ref: 'refs/heads/dev' }, matched: false },
    { name: 'branch unknown does not block', on: on({ push: { branches: ['main'] } }), t: { event: 'push' }, matched: true },
    {
      name: 'a push filter with only tags ignores branch pushes',
      on: on({ push: { tags: ['v*'] } }),
      t: push('main'),
      matched: false,
      reason: 'on.push filters tags only; branch pushes are not built',
    },
    { name: 'tag via on.push tags', on: on({ push: { branches: ['main'], tags: ['v*'] } }), t: tagPush('v1.0.0'), matched: true },
    { name: 'tag not matching on.push tags', on: on({ push: { tags: ['v*'] } }), t: tagPush('nightly'), matched: false },
    { name: 'tag ignored', on: on({ push: { tagsIgnore: ['*-rc*'] } }), t: tagPush('v1-rc1'), matched: false },
    {
      name: 'a push filter with only branches ignores tag pushes',
      on: on({ push: { branches: ['main'] } }),
      t: tagPush('v1'),
      matched: false,
      reason: 'on.push filters branches only; tag pushes are not built',
    },
    { name: 'a push without filters builds tags', on: on({ push: {} }), t: tagPush('v1'), matched: true },
    { name: 'a push event with a tag ref is a tag push', on: on({ push: { tags: ['v*'] } }), t: { event: 'push', ref: 'refs/tags/v2' }, matched: true },
    { name: 'on.tag', on: on({ tag: { tags: ['v*'] } }), t: tagPush('v3'), matched: true },
    { name: 'on.tag filters', on: on({ tag: { tags: ['v*'] } }), t: tagPush('x3'), matched: false },
    { name: 'no tag trigger at all', on: on({ pullRequest: { types: [] } }), t: tagPush('v1'), matched: false },
    {
      name: 'paths: one changed file matches',
      on: on({ push: { paths: ['src/**'] } }),
      t: push('main', { changedFiles: ['README.md', 'src/a/b.ts'] }),
      matched: true,
    },
    {
      name: 'paths: no changed file matches',
      on: on({ push: { paths: ['src/**'] } }),
      t: push('main', { changedFiles: ['README.md'] }),
      matched: false,
      reason: 'no changed file matches paths [src/**]',
    },
    {
      name: 'paths with a negation',
      on: on({ push: { paths: ['src/**', '!src/**/*.md'] } }),
      t: push('main', { changedFiles: ['src/docs/x.md'] }),
      matched: false,
    },
    {
      name: 'paths-ignore: all files ignored',
      on: on({ push: { pathsIgnore: ['docs/**', '**.md'] } }),
      t: push('main', { changedFiles: ['docs/a.txt', 'x/README.md'] }),
      matched: false,
      reason: 'every changed file matches paths-ignore [docs/**, **.md]',
    },
    {
      name: 'paths-ignore: one file not ignored',
      on: on({ push: { pathsIgnore: ['docs/**'] } }),
      t: push('main', { changedFiles: ['docs/a.txt', 'src/x.ts'] }),
      matched: true,
    },
    { name: 'unknown changed files do not block', on: on({ push: { paths: ['src/**'] } }), t: push('main'), matched: true },
    { name: 'paths do not apply to tags', on: on({ push: { paths: ['src/**'] } }), t: { ...tagPush('v1'), changedFiles: [] }, matched: true },
    { name: 'pull request into main', on: on({ pullRequest: { branches: ['main'], types: [] } }), t: pr('main'), matched: true },
    {
      name: 'pull request into another base',
      on: on({ pullRequest: { branches: ['main'], types: [] } }),
      t: pr('dev', { branch: 'main' }),
      matched: false,
      reason: 'base branch "dev" does not match branches [main]',
    },
    {
      name: 'pull request action outside the default types',
      on: on({ pullRequest: { types: [] } }),
      t: pr('main', { prAction: 'closed' }),
      matched: false,
      reason: 'pull request action "closed" is not in types [opened, synchronize, reopened]',
    },
    { name: 'pull request action in types', on: on({ pullRequest: { types: ['closed'] } }), t: pr('main', { prAction: 'closed' }), matched: true },
    {
      name: 'pull request paths-ignore',
      on: on({ pullRequest: { types: ['opened'], pathsIgnore: ['docs/**'] } }),
      t: pr('main', { changedFiles: ['docs/x'] }),
      matched: false,
    },
    { name: 'no on.pull_request', on: on({ push: {} }), t: pr('main'), matched: false },
    { name: 'schedule', on: on({ schedule: [{ cron: '0 3 * * *' }] }), t: { event: 'schedule' }, matched: true },
    { name: 'no schedule', on: on({ push: {} }), t: { event: 'schedule' }, matched: false },
    { name: 'manual', on: on({ manual: { inputs: {} } }), t: { event: 'manual' }, matched: true },
    { name: 'no manual', on: on({ push: {} }), t: { event: 'manual' }, matched: false, reason: 'the pipeline has no on.manual' },
    { name: 'api', on: on({}), t: { event: 'api' }, matched: true },
    { name: 'upstream', on: on({}), t: { event: 'upstream' }, matched: true },
  ] as { name: string; on: Triggers; t: TriggerContext; matched: boolean; reason?: string }[])('$name', ({ on: triggers, t, matched, reason }) => {
    const result = matchTrigger(triggers, t);
    expect(result.matched).toBe(matched);
    expect(result.reason).not.toBe('');
    if (reason) expect(result.reason).toBe(reason);
  });
});
