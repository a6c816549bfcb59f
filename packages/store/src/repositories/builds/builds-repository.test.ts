import { describe, expect, it } from 'vitest';
import { createManualClock } from '@ritmo/shared';
import { STORE_KINDS, useTestStore } from '../../testing/test-stores.js';
import { createTestProject, testJobs, testPlan, testPlanJob } from '../../testing/test-plan.js';
import type { NewBuild } from './build-record.js';

describe.each(STORE_KINDS)('builds repository on %s', (kind) => {
  const clock = createManualClock(1_700_000_000_000);
  const t = useTestStore(kind, { clock });
  const plan = testPlan([testPlanJob('build'), testPlanJob('test', { needs: ['build'] })]);
  const newBuild = (projectId: string, extra: Partial<NewBuild> = {}): NewBuild => ({
    projectId,
    event: 'push',
    ref: 'refs/heads/main',
    branch: 'main',
    sha: 'a'.repeat(40),
    actor: 'ada',
    trusted: true,
    plan,
    ...extra,
  });

  it('creates a build with all its jobs and numbers builds per project', async () => {
    const project = await createTestProject(t.store);
    const other = await createTestProject(t.store);

    const { build, jobs } = await t.store.builds.createBuildWithJobs({
      build: newBuild(project.id, { inputs: { target: 'prod', dry: false }, trigger: { pr: 7 } }),
      jobs: testJobs('build', 'test'),
    });
    const second = await t.store.builds.createBuild(newBuild(project.id));
    const elsewhere = await t.store.builds.createBuild(newBuild(other.id));

    expect(build).toMatchObject({ number: 1, status: 'queued', event: 'push', trusted: true, inputs: { target: 'prod', dry: false }, trigger: { pr: 7 } });
    expect(build.plan).toEqual(plan);
    expect(second.number).toBe(2);
    expect(elsewhere.number).toBe(1);
    expect((await t.store.projects.getProject(project.id)).nextBuildNumber).toBe(3);
    expect(jobs.map((j) => [j.planJobId, j.status, j.position, j.needs])).toEqual([
      ['build', 'queued', 0, []],
      ['test', 'pending', 1, ['build']],
    ]);
    expect(await t.store.builds.getBuildByNumber(project.id, 1)).toEqual(build);
    await expect(t.store.builds.getBuildByNumber(project.id, 99)).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
  });

  it('gives 20 concurrent triggers of one project distinct, consecutive numbers', async () => {
    const project = await createTestProject(t.store);
    const created = await Promise.all(
      Array.from({ length: 20 }, () => t.store.builds.createBuildWithJobs({ build: newBuild(project.id), jobs: testJobs('build', 'test') })),
    );
    const numbers = created.map((c) => c.build.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await t.store.projects.getProject(project.id)).nextBuildNumber).toBe(21);
  });

  it('writes nothing when a job insert fails: the build, its number and its jobs roll back together', async () => {
    const project = await createTestProject(t.store);
    const duplicate = testJobs('same', 'same');
    await expect(t.store.builds.createBuildWithJobs({ build: newBuild(project.id), jobs: duplicate })).rejects.toMatchObject({
      code: 'ERR_STORE_ALREADY_EXISTS',
    });
    expect((await t.store.builds.listBuilds({ projectId: project.id })).items).toEqual([]);
    expect((await t.store.projects.getProject(project.id)).nextBuildNumber).toBe(1);
    await expect(t.store.builds.createBuild(newBuild('p_missing'))).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
  });

  it('lists newest first with filters on project, status, branch and actor, without plans', async () => {
    const project = await createTestProject(t.store);
    const made = [];
    for (const [branch, actor, status] of [
      ['main', 'ada', 'success'],
      ['dev', 'bob', 'failure'],
      ['main', 'bob', 'running'],
      ['main', 'ada', 'failure'],
    ] as const) {
      clock.advance(10);
      made.push(await t.store.builds.createBuild(newBuild(project.id, { branch, actor, status })));
    }
    const numbers = async (filter: Parameters<typeof t.store.builds.listBuilds>[0]) =>
      (await t.store.builds.listBuilds({ projectId: project.id, ...filter })).items.map((b) => b.number);

    expect(await numbers({})).toEqual([4, 3, 2, 1]);
    expect(await numbers({ status: 'failure' })).toEqual([4, 2]);
    expect(await numbers({ status: ['running', 'success'] })).toEqual([3, 1]);
    expect(await numbers({ status: [] })).toEqual([]);
    expect(await numbers({ branch: 'main', actor: 'ada' })).toEqual([4, 1]);
    const listed = (await t.store.builds.listBuilds({ projectId: project.id })).items[0];
    expect(listed).not.toHaveProperty('plan');

    const page1 = await t.store.builds.listBuilds({ projectId: project.id }, { limit: 3 });
    const page2 = await t.store.builds.listBuilds({ projectId: project.id }, { limit: 3, cursor: page1.nextCursor ?? '' });
    expect([...page1.items, ...page2.items].map((b) => b.id)).toEqual(made.map((b) => b.id).reverse());
    expect(page2.nextCursor).toBeNull();
    await expect(t.store.builds.listBuilds({}, { cursor: `${page1.nextCursor ?? ''}x` })).rejects.toMatchObject({
      code: 'ERR_STORE_INVALID_CURSOR',
    });
  });

  it('lists the builds of several projects in one query, across pages', async () => {
    const [a, b, hidden] = [await createTestProject(t.store), await createTestProject(t.store), await createTestProject(t.store)];
    const made = [];
    for (const project of [a, hidden, b, a, hidden, b, a]) {
      clock.advance(10);
      made.push(await t.store.builds.createBuild(newBuild(project.id, { status: project === b ? 'failure' : 'success' })));
    }
    const visible = made.filter((m) => m.projectId !== hidden.id).map((m) => m.id).reverse();
    const page1 = await t.store.builds.listBuilds({ projectIds: [a.id, b.id] }, { limit: 3 });
    const page2 = await t.store.builds.listBuilds({ projectIds: [a.id, b.id] }, { limit: 3, cursor: page1.nextCursor ?? '' });
    expect(page1.items).toHaveLength(3);
    expect([...page1.items, ...page2.items].map((x) => x.id)).toEqual(visible);
    expect(page2.nextCursor).toBeNull();
    expect((await t.store.builds.listBuilds({ projectIds: [a.id, b.id], status: 'failure' })).items.map((x) => x.projectId)).toEqual([b.id, b.id]);
    expect((await t.store.builds.listBuilds({ projectIds: [] })).items).toEqual([]);
  });

  it('records a maintainer’s approval for an untrusted build to receive secrets', async () => {
    const project = await createTestProject(t.store);
    const build = await t.store.builds.createBuild(newBuild(project.id, { trusted: false }));
    expect(build).toMatchObject({ trusted: false, secretsApprovedBy: null, secretsApprovedAt: null });
    const approved = await t.store.builds.updateBuild(build.id, { secretsApprovedBy: 'u_maintainer', secretsApprovedAt: 1234 });
    expect(approved).toMatchObject({ secretsApprovedBy: 'u_maintainer', secretsApprovedAt: 1234 });
    const listed = (await t.store.builds.listBuilds({ projectId: project.id })).items[0];
    expect(listed).toMatchObject({ secretsApprovedBy: 'u_maintainer', secretsApprovedAt: 1234 });
  });

  it('updates a build only from an expected status', async () => {
    const project = await createTestProject(t.store);
    const build = await t.store.builds.createBuild(newBuild(project.id));

    const running = await t.store.builds.updateBuild(build.id, { status: 'running', startedAt: 5 }, { ifStatus: ['queued'] });
    expect(running).toMatchObject({ status: 'running', startedAt: 5 });
    await expect(t.store.builds.updateBuild(build.id, { status: 'canceled' }, { ifStatus: ['queued'] })).rejects.toMatchObject({
      code: 'ERR_STORE_CONFLICT',
      details: { status: 'running', expected: ['queued'] },
    });
    const canceled = await t.store.builds.updateBuild(build.id, { status: 'canceled', canceledBy: 'ada', finishedAt: 9 });
    expect(canceled).toMatchObject({ status: 'canceled', canceledBy: 'ada', finishedAt: 9, startedAt: 5 });
    await expect(t.store.builds.updateBuild('b_missing', { status: 'failure' })).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
  });

  it('deletes a build with its jobs', async () => {
    const project = await createTestProject(t.store);
    const { build, jobs } = await t.store.builds.createBuildWithJobs({ build: newBuild(project.id), jobs: testJobs('a') });
    await t.store.builds.deleteBuild(build.id);
    expect(await t.store.jobs.findJob(jobs[0]?.id ?? '')).toBeUndefined();
    await expect(t.store.builds.deleteBuild(build.id)).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
  });
});
