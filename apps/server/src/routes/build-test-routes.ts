import * as api from '@ritmo/protocol';
import { projectResource } from '../auth/actor.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { findFlakyTests } from '../reports/find-flaky-tests.js';
import { summarizeBuildTests } from '../reports/summarize-build-tests.js';
import { findBuildOr404, findProjectOr404 } from './lookups.js';
import { IdParams, ProjectParams } from './params.js';
import type { RouteDeps } from './route-deps.js';

const DAY = 24 * 3600 * 1000;
/** Most test cases one flaky-test answer reads. */
const MAX_CASES = 200_000;

/** Test results from the JUnit reports jobs upload: per build, and flaky tests per project. */
export function buildTestRoutes(deps: RouteDeps): RouteSpec[] {
  const { store } = deps;
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/builds/{id}/tests',
      summary: 'The build’s test results from its JUnit reports: passed, failed and skipped counts, and the failed tests with their messages',
      tag: 'tests',
      params: IdParams,
      response: { status: 200, schema: api.BuildTests },
      errors: ['ERR_API_BUILD_NOT_FOUND'],
      guard: async ({ params }) => {
        const build = await findBuildOr404(store, params.id);
        return { action: 'build.read', resource: projectResource(build.projectId), loaded: build };
      },
      handler: async ({ loaded: build }) => {
        const [cases, jobs] = await Promise.all([store.reportCases.listBuildTestCases(build.id), store.jobs.listBuildJobs(build.id)]);
        return summarizeBuildTests(build.id, cases, new Map(jobs.map((j) => [j.id, j.planJobId])));
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/projects/{project}/tests/flaky',
      summary: 'Tests of the project that both passed and failed on the same commit in the last ?days= (default 30)',
      tag: 'tests',
      params: ProjectParams,
      query: api.FlakyTestsQuery,
      response: { status: 200, schema: api.FlakyTests },
      errors: ['ERR_API_PROJECT_NOT_FOUND'],
      guard: async ({ params }) => {
        const project = await findProjectOr404(store, params.project);
        return { action: 'build.read', resource: projectResource(project.id), loaded: project };
      },
      handler: async ({ loaded: project, query }) => {
        const now = deps.clock.now();
        const cases = await store.reportCases.listProjectTestCases(project.id, now - query.days * DAY, now + 1, MAX_CASES);
        const tests = findFlakyTests(cases, 200).map(({ projectId: _p, ...t }) => t);
        return { days: query.days, tests } satisfies api.FlakyTests;
      },
    }),
  ];
}
