import { isRitmoError } from '@ritmo/shared';
import type { Build, Project } from '@ritmo/store';
import { WEBHOOK_ACTOR } from './cancel-pull-request-builds.js';
import type { HookDeps } from './hook-deps.js';
import { supersedeSettingsOf } from './supersede-settings.js';

/** The pull request number a build was started for, if any. */
const pullRequestOf = (build: Pick<Build, 'trigger'>): unknown => (build.trigger['pullRequest'] as { number?: unknown } | undefined)?.number;

/**
 * A newer build of the same pipeline for the same branch (push) or pull request cancels the older ones
 * that have not ended, when the project's `cancelSuperseded` setting says so. Returns the builds canceled.
 */
export async function cancelSupersededBuilds(deps: Pick<HookDeps, 'store' | 'orchestrator'>, project: Project, newer: Build): Promise<Build[]> {
  const settings = supersedeSettingsOf(project);
  const pullRequest = newer.event === 'pull_request' ? pullRequestOf(newer) : undefined;
  if (newer.event === 'pull_request' ? !settings.pullRequests || pullRequest === undefined : newer.event !== 'push' || !settings.branches || newer.branch === null) return [];
  let query = deps.store.db
    .selectFrom('builds')
    .select(['id', 'trigger'])
    .where('project_id', '=', project.id)
    .where('event', '=', newer.event)
    .where('number', '<', newer.number)
    .where('status', 'in', ['queued', 'waiting', 'running'])
    .where('pipeline_id', newer.pipelineId === null ? 'is' : '=', newer.pipelineId);
  if (newer.event === 'push') query = query.where('branch', '=', newer.branch);
  const canceled: Build[] = [];
  for (const row of await query.execute()) {
    if (pullRequest !== undefined && pullRequestOf({ trigger: JSON.parse(row.trigger) as Record<string, unknown> }) !== pullRequest) continue;
    try {
      canceled.push((await deps.orchestrator.cancelBuild(row.id, WEBHOOK_ACTOR)).build);
    } catch (e: unknown) {
      if (!isRitmoError(e, 'ERR_API_BUILD_FINISHED')) throw e;
    }
  }
  return canceled;
}
