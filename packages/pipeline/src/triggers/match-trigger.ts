import type { PullRequestFilter, PushFilter, TriggerContext, Triggers } from '../plan.js';
import { createPatternMatcher } from './match-patterns.js';
import { pathFilterBlocks } from './match-paths.js';

export interface TriggerMatch {
  matched: boolean;
  /** Why, in words, e.g. `branch "dev" does not match branches [main]`. */
  reason: string;
}

const DEFAULT_PR_TYPES = ['opened', 'synchronize', 'reopened'];

/**
 * Decides whether a pipeline's `on:` wants a build for this trigger. Filters follow GitHub Actions:
 * branch filters apply to branch pushes and tag filters to tag pushes (a push filter with only one kind
 * ignores the other kind of push); pull request branch filters apply to the base branch; path filters
 * apply to pushes of branches and to pull requests. Missing facts (branch, base branch, PR action, changed
 * files) never block. `api` and `upstream` builds are not filtered.
 */
export function matchTrigger(on: Triggers, trigger: TriggerContext): TriggerMatch {
  switch (trigger.event) {
    case 'push':
    case 'tag':
      return matchPush(on, trigger);
    case 'pull_request':
      return matchPullRequest(on.pullRequest, trigger);
    case 'schedule':
      return on.schedule.length > 0 ? yes('on.schedule is set') : no('the pipeline has no on.schedule');
    case 'manual':
      return on.manual ? yes('on.manual is set') : no('the pipeline has no on.manual');
    case 'api':
    case 'upstream':
      return yes(`${trigger.event} builds are not filtered by on:`);
  }
}

function matchPush(on: Triggers, trigger: TriggerContext): TriggerMatch {
  const tag = trigger.tag ?? refName(trigger.ref, 'refs/tags/');
  const branch = trigger.branch ?? refName(trigger.ref, 'refs/heads/');
  if (trigger.event === 'tag' || (tag !== undefined && branch === undefined)) return matchTagPush(on, tag);
  const push = on.push;
  if (!push) return no('the pipeline has no on.push');
  const branchFilter = push.branches !== undefined || push.branchesIgnore !== undefined;
  if (!branchFilter && hasTagFilter(push)) return no('on.push filters tags only; branch pushes are not built');
  const blocked = nameFilterBlocks('branch', branch, push.branches, push.branchesIgnore) ?? pathFilterBlocks(push, trigger.changedFiles);
  if (blocked) return no(blocked);
  return yes(branch === undefined ? 'on.push is set' : `push to branch "${branch}" matches on.push`);
}

function matchTagPush(on: Triggers, tag: string | undefined): TriggerMatch {
  if (on.tag) {
    const blocked = nameFilterBlocks('tag', tag, on.tag.tags, on.tag.tagsIgnore);
    return blocked ? no(blocked) : yes(`tag ${quote(tag)} matches on.tag`);
  }
  const push = on.push;
  if (!push) return no('the pipeline has no on.tag or on.push');
  if (hasTagFilter(push)) {
    const blocked = nameFilterBlocks('tag', tag, push.tags, push.tagsIgnore);
    return blocked ? no(blocked) : yes(`tag ${quote(tag)} matches on.push tags`);
  }
  if (push.branches !== undefined || push.branchesIgnore !== undefined) {
    return no('on.push filters branches only; tag pushes are not built');
  }
  return yes('on.push has no filters, so tag pushes are built');
}

function matchPullRequest(filter: PullRequestFilter | undefined, trigger: TriggerContext): TriggerMatch {
  if (!filter) return no('the pipeline has no on.pull_request');
  const types = filter.types.length > 0 ? filter.types : DEFAULT_PR_TYPES;
  if (trigger.prAction !== undefined && !types.includes(trigger.prAction)) {
    return no(`pull request action "${trigger.prAction}" is not in types [${types.join(', ')}]`);
  }
  const blocked =
    nameFilterBlocks('base branch', trigger.baseBranch, filter.branches, filter.branchesIgnore, 'branches') ??
    pathFilterBlocks(filter, trigger.changedFiles);
  if (blocked) return no(blocked);
  return yes(trigger.baseBranch === undefined ? 'on.pull_request is set' : `pull request into "${trigger.baseBranch}" matches on.pull_request`);
}

function nameFilterBlocks(
  kind: string,
  name: string | undefined,
  include: string[] | undefined,
  ignore: string[] | undefined,
  listName = kind === 'branch' ? 'branches' : `${kind}s`,
): string | undefined {
  if (name === undefined) return undefined;
  if (include !== undefined && !createPatternMatcher(include)(name)) {
    return `${kind} "${name}" does not match ${listName} [${include.join(', ')}]`;
  }
  if (ignore !== undefined && createPatternMatcher(ignore)(name)) {
    return `${kind} "${name}" matches ${listName}-ignore [${ignore.join(', ')}]`;
  }
  return undefined;
}

function hasTagFilter(push: PushFilter): boolean {
  return push.tags !== undefined || push.tagsIgnore !== undefined;
}

function refName(ref: string | undefined, prefix: string): string | undefined {
  return ref?.startsWith(prefix) ? ref.slice(prefix.length) : undefined;
}

function quote(name: string | undefined): string {
  return name === undefined ? '(unknown)' : `"${name}"`;
}

function yes(reason: string): TriggerMatch {
  return { matched: true, reason };
}

function no(reason: string): TriggerMatch {
  return { matched: false, reason };
}
