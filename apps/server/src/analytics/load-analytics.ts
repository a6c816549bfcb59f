import type * as api from '@ritmo/protocol';
import type { Store } from '@ritmo/store';
import { findFlakyTests } from '../reports/find-flaky-tests.js';
import { computeAnalytics } from './compute-analytics.js';

const DAY = 24 * 3600 * 1000;
/** Bounds on what one answer reads, however busy the window was. */
const MAX_ROWS = 100_000;
const MAX_TEST_CASES = 200_000;

export interface AnalyticsScope {
  /** One project, or undefined with `projectIds` for several (undefined for all: site administrators). */
  projectId?: string;
  projectIds?: readonly string[];
  /** The project's name when one was asked for. */
  projectName?: string;
  days: number;
  now: number;
}

/** Builds, jobs and test cases of the window, read from the store and turned into analytics. */
export async function loadAnalytics(store: Store, scope: AnalyticsScope): Promise<api.Analytics> {
  const from = Math.floor(scope.now / DAY) * DAY - (scope.days - 1) * DAY;
  const to = from + scope.days * DAY;
  const ids = scope.projectId !== undefined ? [scope.projectId] : scope.projectIds;
  if (ids !== undefined && ids.length === 0) return { ...windowFields(from, to, scope), ...computeAnalytics({ from, days: scope.days, builds: [], jobs: [] }) };

  let builds = store.db
    .selectFrom('builds')
    .select(['status', 'created_at', 'started_at', 'finished_at'])
    .where('finished_at', '>=', from)
    .where('finished_at', '<', to);
  if (ids !== undefined) builds = builds.where('project_id', 'in', [...ids]);
  let jobs = store.db
    .selectFrom('jobs')
    .innerJoin('builds', 'builds.id', 'jobs.build_id')
    .select(['builds.project_id', 'jobs.name', 'jobs.queued_at', 'jobs.started_at', 'jobs.finished_at'])
    .where('jobs.started_at', '>=', from)
    .where('jobs.started_at', '<', to);
  if (ids !== undefined) jobs = jobs.where('builds.project_id', 'in', [...ids]);
  const [buildRows, jobRows] = await Promise.all([builds.limit(MAX_ROWS).execute(), jobs.limit(MAX_ROWS).execute()]);

  const names = new Map<string, string>();
  const nameOf = async (id: string) => {
    if (!names.has(id)) names.set(id, (await store.projects.findProject(id))?.name ?? id);
    return names.get(id)!;
  };
  const jobSamples = [];
  for (const j of jobRows) {
    if (j.started_at === null) continue;
    jobSamples.push({
      project: await nameOf(j.project_id),
      name: j.name,
      queuedAt: j.queued_at === null ? null : Number(j.queued_at),
      startedAt: Number(j.started_at),
      finishedAt: j.finished_at === null ? null : Number(j.finished_at),
    });
  }
  const computed = computeAnalytics({
    from,
    days: scope.days,
    builds: buildRows.map((b) => ({ status: b.status, startedAt: Number(b.started_at ?? b.created_at), finishedAt: Number(b.finished_at) })),
    jobs: jobSamples,
  });
  const cases = (await store.reportCases.listProjectTestCases(scope.projectId, from, to, MAX_TEST_CASES)).filter((c) => ids === undefined || ids.includes(c.projectId));
  const flakyTests = [];
  for (const { projectId, ...t } of findFlakyTests(cases, 20)) flakyTests.push({ ...t, project: await nameOf(projectId) });
  return { ...windowFields(from, to, scope), ...computed, flakyTests };
}

function windowFields(from: number, to: number, scope: AnalyticsScope): Pick<api.Analytics, 'project' | 'days' | 'from' | 'to' | 'flakyTests'> {
  return { project: scope.projectName ?? null, days: scope.days, from: new Date(from).toISOString(), to: new Date(to).toISOString(), flakyTests: [] };
}
