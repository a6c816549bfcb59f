import { toError, type Logger } from '@ritmo/shared';
import type { Project } from '@ritmo/store';
import type { SyncDeps, SyncResult } from './sync-schedules.js';

/**
 * Finds the projects whose schedules may be out of date without any push telling so: inline
 * pipelines edited after their last sync, and repositories never synced. Each is synced; a failure
 * is logged and tried again at the next refresh.
 */
export async function refreshStaleSchedules(
  deps: SyncDeps & { logger: Logger },
  sync: (deps: SyncDeps, project: Project) => Promise<SyncResult>,
): Promise<number> {
  const synced = await deps.store.db.selectFrom('pipelines').select(['project_id']).select((eb) => eb.fn.max('updated_at').as('synced_at')).groupBy('project_id').execute();
  const lastSync = new Map(synced.map((r) => [r.project_id, Number(r.synced_at)]));
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await deps.store.projects.listProjects({}, { limit: 200, ...(cursor ? { cursor } : {}) });
    for (const project of page.items) {
      const at = lastSync.get(project.id);
      const stale = project.pipelineYaml !== null ? at === undefined || at <= project.updatedAt : project.repoUrl !== null && at === undefined;
      if (!stale) continue;
      try {
        await sync(deps, project);
        count++;
      } catch (e: unknown) {
        deps.logger.debug({ err: toError(e), projectId: project.id }, 'could not sync the schedules of a project');
      }
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return count;
}
