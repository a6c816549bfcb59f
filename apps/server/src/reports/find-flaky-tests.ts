import type * as api from '@ritmo/protocol';
import type { TestCase } from '@ritmo/store';

export type ProjectFlakyTest = api.FlakyTest & { projectId: string };

/**
 * Tests that both passed and failed (or errored) on the same commit, across builds and job
 * attempts: the outcome changed while the code did not. Skipped runs count for neither. Most
 * failures first, then the most recent failure.
 */
export function findFlakyTests(cases: readonly TestCase[], limit: number): ProjectFlakyTest[] {
  interface Tally {
    first: TestCase;
    runs: number;
    failures: number;
    outcomes: Map<string, { passed: boolean; failed: boolean }>;
    lastFailed: TestCase | undefined;
  }
  const tallies = new Map<string, Tally>();
  for (const c of cases) {
    if (c.status === 'skipped') continue;
    const key = JSON.stringify([c.projectId, c.suite, c.classname, c.name]);
    let t = tallies.get(key);
    if (!t) tallies.set(key, (t = { first: c, runs: 0, failures: 0, outcomes: new Map(), lastFailed: undefined }));
    t.runs += 1;
    const failed = c.status === 'failed' || c.status === 'error';
    if (failed) {
      t.failures += 1;
      if (!t.lastFailed || c.createdAt > t.lastFailed.createdAt) t.lastFailed = c;
    }
    if (c.sha === null) continue;
    const o = t.outcomes.get(c.sha) ?? { passed: false, failed: false };
    if (failed) o.failed = true;
    else o.passed = true;
    t.outcomes.set(c.sha, o);
  }
  const flaky: ProjectFlakyTest[] = [];
  for (const t of tallies.values()) {
    const commits = [...t.outcomes].filter(([, o]) => o.passed && o.failed).map(([sha]) => sha).sort();
    if (commits.length === 0) continue;
    flaky.push({
      projectId: t.first.projectId,
      suite: t.first.suite,
      classname: t.first.classname,
      name: t.first.name,
      runs: t.runs,
      failures: t.failures,
      flakyCommits: commits,
      lastFailedAt: t.lastFailed ? new Date(t.lastFailed.createdAt).toISOString() : null,
      lastMessage: t.lastFailed?.message ?? null,
    });
  }
  flaky.sort((a, b) => b.failures - a.failures || (b.lastFailedAt ?? '').localeCompare(a.lastFailedAt ?? '') || a.name.localeCompare(b.name));
  return flaky.slice(0, limit);
}
