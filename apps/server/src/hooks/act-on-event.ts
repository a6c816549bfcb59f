import { toError } from '@ritmo/shared';
import type { Project } from '@ritmo/store';
import { cancelPullRequestBuilds } from './cancel-pull-request-builds.js';
import { cancelSupersededBuilds } from './cancel-superseded-builds.js';
import type { HookEvent, PullRequestEvent, PushEvent } from './hook-event.js';
import type { HookDeps, HookOutcome } from './hook-deps.js';
import { startEventBuild } from './start-event-build.js';

/** Where a delivery came from, kept on the build it starts. */
export interface DeliveryFacts {
  provider: string;
  /** The recorded delivery's id (`wd_…`). */
  delivery: string;
}

const ignored = (result: string): HookOutcome => ({ status: 'ignored', httpStatus: 200, result });

/** After a new build, older builds it supersedes are canceled (per the project's `cancelSuperseded`). */
async function supersede(deps: HookDeps, project: Project, outcome: HookOutcome): Promise<HookOutcome> {
  if (outcome.build === undefined) return outcome;
  let canceled: Awaited<ReturnType<typeof cancelSupersededBuilds>>;
  try {
    canceled = await cancelSupersededBuilds(deps, project, outcome.build);
  } catch (e: unknown) {
    // The new build exists either way; older ones simply keep running.
    deps.logger.error({ err: toError(e), buildId: outcome.build.id }, 'cannot cancel superseded builds');
    return outcome;
  }
  return canceled.length === 0 ? outcome : { ...outcome, result: `${outcome.result}; superseded ${canceled.map((b) => `#${b.number}`).join(', ')}` };
}

async function onPush(deps: HookDeps, project: Project, event: PushEvent, facts: DeliveryFacts): Promise<HookOutcome> {
  if (event.deleted) return ignored(`${event.ref} was deleted; a deleted ref starts nothing`);
  const isTag = event.ref.startsWith('refs/tags/');
  const outcome = await startEventBuild(deps, project, {
    event: isTag ? 'tag' : 'push',
    ref: event.ref,
    sha: event.after,
    trusted: true,
    message: event.message,
    changedFiles: event.changedFiles,
    range: isTag ? null : { kind: 'push', before: event.before, after: event.after, defaultBranch: project.defaultBranch },
    trigger: { ...facts, before: event.before, ...(event.repo ? { forge: event.repo } : {}) },
  });
  if (event.ref === `refs/heads/${project.defaultBranch}`) deps.onDefaultBranchPush?.(project);
  return supersede(deps, project, outcome);
}

async function onPullRequest(deps: HookDeps, project: Project, event: PullRequestEvent, facts: DeliveryFacts): Promise<HookOutcome> {
  let canceled = '';
  if (event.action === 'closed') {
    const builds = await cancelPullRequestBuilds(deps, project, event.number);
    canceled = builds.length === 0 ? 'no running build to cancel' : `canceled ${builds.map((b) => `#${b.number}`).join(', ')}`;
  }
  const started = await startEventBuild(deps, project, {
    event: 'pull_request',
    ref: event.ref,
    sha: event.headSha,
    // Trust is decided here, from the repositories, never from anything the sender says about itself.
    trusted: !event.fromFork,
    message: null,
    changedFiles: null,
    range: { kind: 'pull_request', base: event.baseSha ?? `refs/heads/${event.baseBranch}`, head: event.headSha },
    prAction: event.action,
    baseBranch: event.baseBranch,
    trigger: {
      ...facts,
      prAction: event.action,
      baseBranch: event.baseBranch,
      pullRequest: { number: event.number, title: event.title, headBranch: event.headBranch, headSha: event.headSha, fromFork: event.fromFork },
      ...(event.repo ? { forge: event.repo } : {}),
    },
  });
  const outcome = await supersede(deps, project, started);
  if (canceled === '') return outcome;
  // A close that cancels builds did what it was sent for, whether or not `on:` also wants a build.
  return outcome.status === 'ignored' ? { status: 'accepted', httpStatus: 200, result: `pull request #${event.number} closed: ${canceled}` } : { ...outcome, result: `${canceled}; ${outcome.result}` };
}

/** What a verified event does: start a build, cancel a pull request's builds, or nothing (with why). */
export function actOnEvent(deps: HookDeps, project: Project, event: HookEvent, facts: DeliveryFacts): Promise<HookOutcome> {
  switch (event.kind) {
    case 'ping':
      return Promise.resolve(ignored('ping: the webhook reaches Ritmo and its signature is valid'));
    case 'ignored':
      return Promise.resolve(ignored(event.reason));
    case 'push':
      return onPush(deps, project, event, facts);
    case 'pull_request':
      return onPullRequest(deps, project, event, facts);
  }
}
