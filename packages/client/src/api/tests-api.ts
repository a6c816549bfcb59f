import type { Analytics, BuildTests, FlakyTests } from '@ritmo/protocol';
import type { Http } from '../create-http.js';
import { seg } from './page-params.js';

/** Test results from JUnit reports, flaky tests, and build analytics. */
export function createTestsApi(http: Http) {
  const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
  return {
    /** A build's test counts and failed tests. */
    build: (buildId: string, signal?: AbortSignal) => http.json<BuildTests>('GET', `/api/v1/builds/${seg(buildId)}/tests`, opts(signal)),
    /** Tests of a project that both passed and failed on the same commit. */
    flaky: (project: string, params: { days?: number } = {}, signal?: AbortSignal) =>
      http.json<FlakyTests>('GET', `/api/v1/projects/${seg(project)}/tests/flaky`, { query: { ...params }, ...opts(signal) }),
    /** Duration, success rate, queue wait, slowest jobs and flaky tests of one project, or of all readable ones. */
    analytics: (params: { project?: string; days?: number } = {}, signal?: AbortSignal) =>
      http.json<Analytics>('GET', '/api/v1/analytics', { query: { ...params }, ...opts(signal) }),
  };
}

export type TestsApi = ReturnType<typeof createTestsApi>;
