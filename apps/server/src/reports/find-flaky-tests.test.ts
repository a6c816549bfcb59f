import { describe, expect, it } from 'vitest';
import type { TestCase } from '@ritmo/store';
import { findFlakyTests } from './find-flaky-tests.js';

let seq = 0;
const run = (name: string, sha: string | null, status: TestCase['status'], at: number, extra: Partial<TestCase> = {}): TestCase => ({
  id: `t${++seq}`,
  projectId: 'p_1',
  buildId: `b_${at}`,
  jobId: 'j_1',
  attempt: 1,
  reportPath: 'r.xml',
  sha,
  suite: 's',
  classname: 'c',
  name,
  status,
  durationMs: 1,
  message: status === 'passed' ? null : `${name} broke at ${at}`,
  createdAt: at,
  ...extra,
});

describe('findFlakyTests', () => {
  it('flags a test only when one commit saw it both pass and fail', () => {
    const flaky = findFlakyTests(
      [
        // a: fails then passes on the same commit (a retry), so flaky.
        run('a', 'sha1', 'failed', 1),
        run('a', 'sha1', 'passed', 2, { attempt: 2 }),
        run('a', 'sha2', 'passed', 3),
        // b: failed on one commit, fixed on the next: a real fix, not flaky.
        run('b', 'sha1', 'failed', 1),
        run('b', 'sha2', 'passed', 3),
        // c: errored and passed on two commits each; errors count as failures.
        run('c', 'sha1', 'error', 4),
        run('c', 'sha1', 'passed', 5),
        run('c', 'sha3', 'failed', 6),
        run('c', 'sha3', 'passed', 7),
        // d: skipped once and passed once: skips count for neither.
        run('d', 'sha1', 'skipped', 1),
        run('d', 'sha1', 'passed', 2),
        // e: no commit known, so nothing to compare.
        run('e', null, 'failed', 1),
        run('e', null, 'passed', 2),
        // The same name in another project is another test.
        run('a', 'sha1', 'passed', 9, { projectId: 'p_2' }),
      ],
      10,
    );
    expect(flaky.map((f) => [f.projectId, f.name, f.runs, f.failures, f.flakyCommits, f.lastFailedAt, f.lastMessage])).toEqual([
      ['p_1', 'c', 4, 2, ['sha1', 'sha3'], new Date(6).toISOString(), 'c broke at 6'],
      ['p_1', 'a', 3, 1, ['sha1'], new Date(1).toISOString(), 'a broke at 1'],
    ]);
    expect(findFlakyTests([run('a', 'x', 'failed', 1), run('a', 'x', 'passed', 2), run('b', 'x', 'failed', 1), run('b', 'x', 'passed', 2)], 1)).toHaveLength(1);
  });
});
