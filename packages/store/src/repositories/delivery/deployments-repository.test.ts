import { describe, expect, it } from 'vitest';
import { createManualClock } from '@ritmo/shared';
import { STORE_KINDS, useTestStore } from '../../testing/test-stores.js';
import { createTestProject, testJobs, testPlan, testPlanJob } from '../../testing/test-plan.js';

describe.each(STORE_KINDS)('environments and deployments repositories on %s', (kind) => {
  const clock = createManualClock(1_700_000_000_000);
  const t = useTestStore(kind, { clock });

  it('puts environments (created or replaced), ensures one by name, lists by name and deletes', async () => {
    const project = await createTestProject(t.store);
    const first = await t.store.environments.putEnvironment({ projectId: project.id, name: 'prod', url: 'https://x.example', protection: { reviewers: ['ann'] } });
    expect(first.created).toBe(true);
    const again = await t.store.environments.putEnvironment({ projectId: project.id, name: 'prod', protection: { reviewers: [] } });
    expect(again).toMatchObject({ created: false, environment: { id: first.environment.id, url: 'https://x.example', protection: { reviewers: [] } } });
    const staging = await t.store.environments.ensureEnvironment(project.id, 'staging', null);
    expect(await t.store.environments.ensureEnvironment(project.id, 'staging', 'https://other')).toEqual(staging);
    expect((await t.store.environments.listEnvironments(project.id)).items.map((e) => e.name)).toEqual(['prod', 'staging']);
    await t.store.environments.deleteEnvironment(project.id, 'staging');
    await expect(t.store.environments.deleteEnvironment(project.id, 'staging')).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
  });

  it('records deployments per job and environment, with guarded status changes and approvals', async () => {
    const project = await createTestProject(t.store);
    const env = await t.store.environments.ensureEnvironment(project.id, 'prod', null);
    const { build, jobs } = await t.store.builds.createBuildWithJobs({
      build: { projectId: project.id, event: 'api', trusted: true, plan: testPlan([testPlanJob('build'), testPlanJob('test')]) },
      jobs: testJobs('build', 'test'),
    });
    const base = { projectId: project.id, environmentId: env.id, artifactId: null, artifactDigest: null, buildId: build.id, jobId: jobs[1]!.id, sha: 'abc', actor: 'u_1' };
    const d1 = await t.store.deployments.createDeployment({ ...base, status: 'pending' });
    expect(d1).toMatchObject({ status: 'pending', approvals: [], reason: null, rollbackOf: null });
    const approved = await t.store.deployments.updateDeployment(d1.id, { approvals: [{ userId: 'u_2', username: 'ann', at: 5 }] }, { ifStatus: ['pending'] });
    expect(approved.approvals).toEqual([{ userId: 'u_2', username: 'ann', at: 5 }]);
    await t.store.deployments.updateDeployment(d1.id, { status: 'success', startedAt: 1, finishedAt: clock.now() });
    await expect(t.store.deployments.updateDeployment(d1.id, { status: 'in_progress' }, { ifStatus: ['pending'] })).rejects.toMatchObject({ code: 'ERR_STORE_CONFLICT' });

    clock.advance(1000);
    const d2 = await t.store.deployments.createDeployment({ ...base, status: 'in_progress', rollbackOf: d1.id });
    expect((await t.store.deployments.findJobDeployment(jobs[1]!.id))?.id).toBe(d2.id);
    expect((await t.store.deployments.listDeployments(env.id)).items.map((d) => d.id)).toEqual([d2.id, d1.id]);
    expect((await t.store.deployments.listBuildDeployments(build.id)).map((d) => d.id)).toEqual([d1.id, d2.id]);
    expect((await t.store.deployments.listSuccessfulDeployments(env.id, 5)).map((d) => d.id)).toEqual([d1.id]);
    expect((await t.store.deployments.listDeploymentsByStatus(['pending', 'in_progress'], 5)).map((d) => d.id)).toEqual([d2.id]);
    expect(await t.store.deployments.findDeployment('d_missing')).toBeUndefined();
  });
});
