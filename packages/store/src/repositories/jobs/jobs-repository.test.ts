import { describe, expect, it } from 'vitest';
import { STORE_KINDS, useTestStore } from '../../testing/test-stores.js';
import { createTestProject, testJobs, testPlan, testPlanJob } from '../../testing/test-plan.js';

describe.each(STORE_KINDS)('jobs repository on %s', (kind) => {
  const t = useTestStore(kind);

  async function seedBuild(...ids: string[]) {
    const project = await createTestProject(t.store);
    return t.store.builds.createBuildWithJobs({
      build: { projectId: project.id, event: 'manual', trusted: true, plan: testPlan(ids.map((id) => testPlanJob(id))) },
      jobs: testJobs(...ids),
    });
  }

  it('stores the plan job and derives its columns, with runs-on labels sorted', async () => {
    const project = await createTestProject(t.store);
    const planJob = testPlanJob('test-node-20', {
      key: 'test',
      name: 'test (node: 20)',
      stage: 'test',
      runsOn: ['x64', 'linux', 'linux'],
      matrix: { node: 20 },
      matrixGroup: 'test',
      continueOnError: true,
    });
    const { jobs } = await t.store.builds.createBuildWithJobs({
      build: { projectId: project.id, event: 'push', trusted: false, plan: testPlan([planJob]) },
      jobs: [{ planJob, status: 'queued', priority: 5 }],
    });
    const job = await t.store.jobs.getJob(jobs[0]?.id ?? '');

    expect(job).toMatchObject({
      planJobId: 'test-node-20',
      key: 'test',
      name: 'test (node: 20)',
      stage: 'test',
      status: 'queued',
      priority: 5,
      runsOn: ['linux', 'x64'],
      matrixGroup: 'test',
      continueOnError: true,
      attempt: 1,
      agentId: null,
      outputs: {},
    });
    expect(job.planJob).toEqual(planJob);
    expect(typeof job.queuedAt).toBe('number');
  });

  it('lists a build\'s jobs in plan order and appends new ones after them', async () => {
    const { build } = await seedBuild('c', 'a', 'b');
    await t.store.jobs.createJobs(build.id, [{ planJob: testPlanJob('late'), status: 'pending' }]);
    const jobs = await t.store.jobs.listBuildJobs(build.id);
    expect(jobs.map((j) => [j.planJobId, j.position])).toEqual([
      ['c', 0],
      ['a', 1],
      ['b', 2],
      ['late', 3],
    ]);
    const queued = await t.store.jobs.listJobs({ buildId: build.id, status: 'queued' });
    expect(queued.items.map((j) => j.planJobId)).toEqual(['c']);
  });

  it('moves a job between states only from the expected ones', async () => {
    const { jobs } = await seedBuild('only');
    const id = jobs[0]?.id ?? '';
    const running = await t.store.jobs.updateJob(
      id,
      { status: 'running', leaseToken: 'lt', leaseExpiresAt: 1000, claimRequestId: 'req-1', startedAt: 10 },
      { ifStatus: ['queued'] },
    );
    expect(running).toMatchObject({ status: 'running', leaseToken: 'lt', leaseExpiresAt: 1000, claimRequestId: 'req-1' });

    await expect(t.store.jobs.updateJob(id, { status: 'running' }, { ifStatus: ['queued'] })).rejects.toMatchObject({
      code: 'ERR_STORE_CONFLICT',
      details: { status: 'running' },
    });
    const done = await t.store.jobs.updateJob(id, { status: 'success', exitCode: 0, outputs: { version: '1.2.3' }, leaseToken: null, finishedAt: 20 });
    expect(done).toMatchObject({ status: 'success', exitCode: 0, outputs: { version: '1.2.3' }, leaseToken: null, startedAt: 10 });
    await expect(t.store.jobs.updateJob('j_missing', { status: 'failure' })).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
  });

  it('cancels the unfinished jobs of a build at once, leaving finished ones alone', async () => {
    const { build, jobs } = await seedBuild('a', 'b', 'c');
    await t.store.jobs.updateJob(jobs[0]?.id ?? '', { status: 'success' });
    await t.store.jobs.updateJob(jobs[1]?.id ?? '', { status: 'running' });

    const canceled = await t.store.jobs.updateBuildJobs(build.id, { status: 'canceled', reason: 'build-canceled' }, { ifStatus: ['pending', 'queued', 'running'] });

    expect(canceled.map((j) => j.planJobId)).toEqual(['b', 'c']);
    expect((await t.store.jobs.listBuildJobs(build.id)).map((j) => j.status)).toEqual(['success', 'canceled', 'canceled']);
  });

  it('records attempts, including a lost one, and their outcomes', async () => {
    const { jobs } = await seedBuild('retry');
    const jobId = jobs[0]?.id ?? '';
    const agent = await t.store.agents.createAgent({ name: 'a1', labels: ['linux'], capacity: 1, tokenHash: `h-${jobId}` });

    await t.store.jobAttempts.createJobAttempt({ jobId, attempt: 1, agentId: agent.id, startedAt: 100 });
    const lost = await t.store.jobAttempts.updateJobAttempt(jobId, 1, { status: 'lost', reason: 'agent-lost', finishedAt: 200 }, { ifStatus: ['running'] });
    expect(lost).toMatchObject({ status: 'lost', reason: 'agent-lost', agentId: agent.id });
    await expect(t.store.jobAttempts.updateJobAttempt(jobId, 1, { status: 'success' }, { ifStatus: ['running'] })).rejects.toMatchObject({
      code: 'ERR_STORE_CONFLICT',
    });
    await t.store.jobAttempts.createJobAttempt({ jobId, attempt: 2, agentId: agent.id });
    await expect(t.store.jobAttempts.createJobAttempt({ jobId, attempt: 2 })).rejects.toMatchObject({ code: 'ERR_STORE_ALREADY_EXISTS' });

    expect((await t.store.jobAttempts.listJobAttempts(jobId)).map((a) => [a.attempt, a.status])).toEqual([
      [1, 'lost'],
      [2, 'running'],
    ]);
    await t.store.agents.deleteAgent(agent.id);
    expect((await t.store.jobAttempts.getJobAttempt(jobId, 2)).agentId).toBeNull();
    await expect(t.store.jobAttempts.getJobAttempt(jobId, 3)).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
  });
});
