import { isRitmoError } from '@ritmo/shared';
import type { Build, Project } from '@ritmo/store';
import type { HookDeps } from './hook-deps.js';

/** Who cancels builds of a closed pull request, as `canceledBy` shows it. */
export const WEBHOOK_ACTOR = 'webhook';

/**
 * Cancels the builds of one pull request that have not ended yet (the pull request was closed or
 * merged). Returns the builds canceled; a build that ended meanwhile is left alone.
 */
export async function cancelPullRequestBuilds(deps: Pick<HookDeps, 'store' | 'orchestrator'>, project: Project, number: number): Promise<Build[]> {
  const rows = await deps.store.db
    .selectFrom('builds')
    .select(['id', 'trigger'])
    .where('project_id', '=', project.id)
    .where('event', '=', 'pull_request')
    .where('status', 'in', ['queued', 'waiting', 'running'])
    .execute();
  const canceled: Build[] = [];
  for (const row of rows) {
    const trigger = JSON.parse(row.trigger) as { pullRequest?: { number?: unknown } };
    if (trigger.pullRequest?.number !== number) continue;
    try {
      canceled.push((await deps.orchestrator.cancelBuild(row.id, WEBHOOK_ACTOR)).build);
    } catch (e: unknown) {
      if (!isRitmoError(e, 'ERR_API_BUILD_FINISHED')) throw e;
    }
  }
  return canceled;
}
