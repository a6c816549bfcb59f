import { createPatternMatcher } from '@ritmo/pipeline';
import { toError, type Logger } from '@ritmo/shared';
import type { Build, Store } from '@ritmo/store';
import type { Orchestrator } from '../orchestration/create-orchestrator.js';
import { upstreamFacts } from './upstream-facts.js';

/** A chain of upstream builds stops here, whatever the configuration (cycles are refused when configured). */
export const MAX_UPSTREAM_DEPTH = 10;

/**
 * When a build ends, starts a build of every project configured to follow it with that status (and
 * branch). Each downstream build runs its project's pipeline on its default branch and carries the
 * upstream build's facts in `build.trigger.upstream` (`ritmo.upstream` in expressions).
 */
export async function startUpstreamBuilds(deps: { store: Store; orchestrator: Orchestrator; logger: Logger; signal?: AbortSignal }, buildId: string): Promise<Build[]> {
  const { store } = deps;
  const build = await store.builds.getBuild(buildId);
  const links = await store.upstreamTriggers.listDownstreamTriggers(build.projectId);
  if (links.length === 0) return [];
  const project = await store.projects.getProject(build.projectId);
  const facts = upstreamFacts(project, build);
  if (facts.depth > MAX_UPSTREAM_DEPTH) {
    deps.logger.warn({ buildId }, `upstream chain deeper than ${MAX_UPSTREAM_DEPTH}: no more downstream builds`);
    return [];
  }
  const started: Build[] = [];
  for (const link of links) {
    if (!link.statuses.includes(build.status)) continue;
    if (link.branches !== null && (build.branch === null || !createPatternMatcher(link.branches)(build.branch))) continue;
    try {
      const downstream = await store.projects.getProject(link.projectId);
      started.push(
        await deps.orchestrator.triggerBuild({
          project: downstream,
          actor: null,
          event: 'upstream',
          message: `${project.name} #${build.number} ${build.status}`,
          trigger: { upstream: facts },
          ...(deps.signal ? { signal: deps.signal } : {}),
        }),
      );
    } catch (e: unknown) {
      deps.logger.warn({ err: toError(e), buildId, projectId: link.projectId }, 'an upstream trigger could not start its build');
    }
  }
  return started;
}
