import type * as api from '@ritmo/protocol';
import type { TestCase } from '@ritmo/store';

/** Most failed tests listed in one answer (the counts always cover every test). */
const MAX_FAILURES = 500;

/**
 * A build's test results: counts over the last attempt of each job that reported, and the failed
 * tests with their messages. `jobNames` maps job ids to their plan ids.
 */
export function summarizeBuildTests(buildId: string, cases: readonly TestCase[], jobNames: ReadonlyMap<string, string>): api.BuildTests {
  const lastAttempt = new Map<string, number>();
  for (const c of cases) lastAttempt.set(c.jobId, Math.max(lastAttempt.get(c.jobId) ?? 0, c.attempt));
  const current = cases.filter((c) => c.attempt === lastAttempt.get(c.jobId));
  const count = (status: string) => current.filter((c) => c.status === status).length;
  const failed = current.filter((c) => c.status === 'failed' || c.status === 'error');
  return {
    buildId,
    reported: cases.length > 0,
    total: current.length,
    passed: count('passed'),
    failed: failed.length,
    errors: count('error'),
    skipped: count('skipped'),
    durationMs: current.reduce((sum, c) => sum + c.durationMs, 0),
    failures: failed.slice(0, MAX_FAILURES).map((c) => ({
      suite: c.suite,
      classname: c.classname,
      name: c.name,
      status: c.status,
      durationMs: c.durationMs,
      message: c.message,
      job: jobNames.get(c.jobId) ?? '',
    })),
  };
}
