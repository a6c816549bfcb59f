import { sql, type SqlBool } from 'kysely';
import { fetchPage, type Keyset, type Page, type PageRequest } from '../../pagination/page.js';
import type { BuildStatus } from '../../statuses.js';
import type { RepoContext } from '../repo-context.js';
import { BUILD_SUMMARY_COLUMNS, toBuildSummary, type BuildSummary } from './build-record.js';

export interface BuildFilter {
  projectId?: string;
  /** Builds of any of these projects (one query across a user's projects); an empty list matches none. */
  projectIds?: readonly string[];
  status?: BuildStatus | readonly BuildStatus[];
  branch?: string;
  actor?: string;
  event?: string;
  sha?: string;
}

const newestFirst: Keyset<BuildSummary> = {
  listing: 'builds',
  sortColumn: 'created_at',
  idColumn: 'id',
  direction: 'desc',
  keyType: 'number',
  keyOf: (b) => [b.createdAt, b.id],
};

/** Newest first, filtered; summaries without the plan. */
export function listBuilds(ctx: RepoContext, filter: BuildFilter = {}, page?: PageRequest): Promise<Page<BuildSummary>> {
  let query = ctx.db.selectFrom('builds').select(BUILD_SUMMARY_COLUMNS);
  if (filter.projectId !== undefined) query = query.where('project_id', '=', filter.projectId);
  if (filter.projectIds !== undefined) {
    query = filter.projectIds.length === 0 ? query.where(sql<SqlBool>`1 = 0`) : query.where('project_id', 'in', filter.projectIds);
  }
  if (filter.status !== undefined) {
    const statuses: readonly BuildStatus[] = typeof filter.status === 'string' ? [filter.status] : filter.status;
    query = statuses.length === 0 ? query.where(sql<SqlBool>`1 = 0`) : query.where('status', 'in', statuses);
  }
  if (filter.branch !== undefined) query = query.where('branch', '=', filter.branch);
  if (filter.actor !== undefined) query = query.where('actor', '=', filter.actor);
  if (filter.event !== undefined) query = query.where('event', '=', filter.event);
  if (filter.sha !== undefined) query = query.where('sha', '=', filter.sha);
  return fetchPage(query, newestFirst, page, toBuildSummary);
}
