import { describe, expect, it } from 'vitest';
import { createManualClock } from '@ritmo/shared';
import { STORE_KINDS, useTestStore } from '../../testing/test-stores.js';
import { createTestProject, testJobs, testPlan, testPlanJob } from '../../testing/test-plan.js';
import type { NewTestCase } from './report-cases-repository.js';

const cases = (n: number, status: NewTestCase['status'] = 'passed'): NewTestCase[] =>
  Array.from({ length: n }, (_, i) => ({ suite: 's', classname: 'c', name: `t${String(i).padStart(4, '0')}`, status, durationMs: i, message: status === 'passed' ? null : 'boom' }));

describe.each(STORE_KINDS)('report cases repository on %s', (kind) => {
  const clock = createManualClock(1_000_000);
  const t = useTestStore(kind, { clock });

  it('replaces a report of the same attempt, keeps earlier attempts, and lists a window', async () => {
    const project = await createTestProject(t.store);
    const { build, jobs } = await t.store.builds.createBuildWithJobs({
      build: { projectId: project.id, event: 'manual', trusted: true, plan: testPlan([testPlanJob('a')]) },
      jobs: testJobs('a'),
    });
    const ref = { projectId: project.id, buildId: build.id, jobId: jobs[0]!.id, attempt: 1, reportPath: 'r.xml', sha: 'abc' };

    // More rows than one INSERT batch holds.
    expect(await t.store.reportCases.replaceReportCases(ref, cases(450, 'failed'))).toBe(450);
    expect(await t.store.reportCases.replaceReportCases(ref, cases(3, 'failed'))).toBe(3);
    clock.advance(1000);
    await t.store.reportCases.replaceReportCases({ ...ref, attempt: 2 }, cases(2));
    await t.store.reportCases.replaceReportCases({ ...ref, attempt: 2, reportPath: 'other.xml' }, cases(1));

    const all = await t.store.reportCases.listBuildTestCases(build.id);
    expect(all.map((c) => [c.name, c.attempt, c.reportPath, c.status])).toEqual([
      ['t0000', 1, 'r.xml', 'failed'],
      ['t0000', 2, 'other.xml', 'passed'],
      ['t0000', 2, 'r.xml', 'passed'],
      ['t0001', 1, 'r.xml', 'failed'],
      ['t0001', 2, 'r.xml', 'passed'],
      ['t0002', 1, 'r.xml', 'failed'],
    ]);
    expect(all[0]).toMatchObject({ projectId: project.id, sha: 'abc', message: 'boom', createdAt: 1_000_000 });

    expect(await t.store.reportCases.listProjectTestCases(project.id, 1_000_500, 2_000_000, 100)).toHaveLength(3);
    expect(await t.store.reportCases.listProjectTestCases(undefined, 0, 1_000_500, 100)).toHaveLength(3);
    expect(await t.store.reportCases.listProjectTestCases(project.id, 0, 2_000_000, 4)).toHaveLength(4);
    expect(await t.store.reportCases.listProjectTestCases('p_other', 0, 2_000_000, 100)).toEqual([]);
  });
});
