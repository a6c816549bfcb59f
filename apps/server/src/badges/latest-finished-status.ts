import type { Project, Store } from '@ritmo/store';

/** The status of the newest finished (success, failure, canceled) non-pull-request build of a branch. */
export async function latestFinishedStatus(store: Pick<Store, 'db'>, project: Project, branch: string): Promise<string | undefined> {
  const row = await store.db
    .selectFrom('builds')
    .select('status')
    .where('project_id', '=', project.id)
    .where('branch', '=', branch)
    .where('event', '!=', 'pull_request')
    .where('status', 'in', ['success', 'failure', 'canceled'])
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.status;
}
