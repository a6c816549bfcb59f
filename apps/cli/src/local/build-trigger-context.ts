import type { TriggerContext } from '@ritmo/pipeline';
import type { CliEvent } from '../args/parse-event.js';
import type { GitFacts } from './read-git-facts.js';

export interface LocalTriggerOptions {
  event: CliEvent;
  /** `--ref`: a full ref (`refs/heads/x`, `refs/tags/v1`) or a bare branch (a tag name with `--event tag`). */
  ref?: string;
  git?: GitFacts;
  project: string;
  actor?: string;
  inputs?: Record<string, string | number | boolean>;
}

/**
 * The trigger a local run or plan stands for: build number 0, build id `local`, and the ref from `--ref`
 * or, failing that, from the working tree's branch (or its tag, for `--event tag`).
 */
export function buildTriggerContext(options: LocalTriggerOptions): TriggerContext {
  const ref = resolveRef(options);
  const context: TriggerContext = {
    event: options.event,
    buildNumber: 0,
    buildId: 'local',
    project: options.project,
  };
  if (ref !== undefined) {
    context.ref = ref;
    if (ref.startsWith('refs/heads/')) context.branch = ref.slice('refs/heads/'.length);
    if (ref.startsWith('refs/tags/')) context.tag = ref.slice('refs/tags/'.length);
  }
  if (options.git?.sha !== undefined) context.sha = options.git.sha;
  if (options.actor !== undefined) context.actor = options.actor;
  if (options.event === 'pull_request') context.prAction = 'opened';
  if (options.inputs !== undefined) context.inputs = options.inputs;
  return context;
}

function resolveRef(options: LocalTriggerOptions): string | undefined {
  const given = options.ref;
  if (given !== undefined && given !== '') {
    if (given.startsWith('refs/')) return given;
    return options.event === 'tag' ? `refs/tags/${given}` : `refs/heads/${given}`;
  }
  const git = options.git;
  if (options.event === 'tag' && git?.tag !== undefined) return `refs/tags/${git.tag}`;
  if (git?.branch !== undefined) return `refs/heads/${git.branch}`;
  return undefined;
}
