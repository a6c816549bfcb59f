import type { Readable } from 'node:stream';
import { RitmoError } from '@ritmo/shared';
import type { Build, Job, Store } from '@ritmo/store';
import { DEFAULT_JUNIT_LIMITS, parseJunit, type JunitLimits } from './parse-junit.js';
import { readReportBody } from './read-report-body.js';

export interface StoredReport {
  path: string;
  tests: number;
  passed: number;
  failed: number;
  skipped: number;
}

/**
 * Reads one gzip-compressed JUnit report of a job, parses it and stores its test cases in place of
 * what the same report (or an earlier attempt) stored before.
 */
export async function storeReport(input: {
  store: Store;
  build: Build;
  job: Job;
  path: string;
  body: Readable;
  limits?: JunitLimits;
  signal?: AbortSignal;
}): Promise<StoredReport> {
  const { job, build } = input;
  const limits = input.limits ?? DEFAULT_JUNIT_LIMITS;
  if (job.planJob.reports.junit.length === 0) {
    throw new RitmoError('ERR_REPORT_NOT_DECLARED', `job "${job.name}" declares no reports.junit paths`);
  }
  const cases = parseJunit(await readReportBody(input.body, limits.maxBytes, input.signal), limits);
  await input.store.reportCases.replaceReportCases(
    { projectId: build.projectId, buildId: build.id, jobId: job.id, attempt: job.attempt, reportPath: input.path, sha: build.sha },
    cases,
  );
  const count = (status: string) => cases.filter((c) => c.status === status).length;
  return { path: input.path, tests: cases.length, passed: count('passed'), failed: count('failed') + count('error'), skipped: count('skipped') };
}
