import { describe, expect, it } from 'vitest';
import { STORE_KINDS, useTestStore } from '../testing/test-stores.js';
import { createTestProject, testJobs, testPlan, testPlanJob } from '../testing/test-plan.js';

describe.each(STORE_KINDS)('steps repository on %s', (kind) => {
  const t = useTestStore(kind);

  it('keeps the steps of each attempt in order and updates them', async () => {
    const project = await createTestProject(t.store);
    const { jobs } = await t.store.builds.createBuildWithJobs({
      build: { projectId: project.id, event: 'manual', trusted: true, plan: testPlan([testPlanJob('a')]) },
      jobs: testJobs('a'),
    });
    const jobId = jobs[0]?.id ?? '';
    const steps = [
      { stepId: 'checkout', name: 'Checkout' },
      { stepId: 'step-2', name: 'npm test' },
    ];
    await t.store.steps.createSteps(jobId, 1, steps);
    await t.store.steps.createSteps(jobId, 2, steps);

    await t.store.steps.updateStep(jobId, 1, 'checkout', { status: 'success', exitCode: 0, startedAt: 1, finishedAt: 2 });
    const failed = await t.store.steps.updateStep(jobId, 1, 'step-2', { status: 'failure', exitCode: 1 });

    expect(failed).toMatchObject({ status: 'failure', exitCode: 1, position: 1, name: 'npm test' });
    expect((await t.store.steps.listSteps(jobId, 1)).map((s) => [s.stepId, s.status])).toEqual([
      ['checkout', 'success'],
      ['step-2', 'failure'],
    ]);
    expect((await t.store.steps.listSteps(jobId, 2)).map((s) => s.status)).toEqual(['pending', 'pending']);
    await expect(t.store.steps.createSteps(jobId, 1, [steps[0] ?? { stepId: '', name: '' }])).rejects.toMatchObject({
      code: 'ERR_STORE_ALREADY_EXISTS',
    });
    await expect(t.store.steps.updateStep(jobId, 3, 'checkout', { status: 'running' })).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
    expect(await t.store.steps.deleteSteps(jobId, 2)).toBe(2);
    expect(await t.store.steps.findStep(jobId, 2, 'checkout')).toBeUndefined();
  });
});
