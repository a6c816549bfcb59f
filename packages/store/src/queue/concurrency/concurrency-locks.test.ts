import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../../create-store.js';
import type { Job } from '../../repositories/jobs/job-record.js';
import type { Store } from '../../store.js';
import { createTestProject, testPlan, testPlanJob } from '../../testing/test-plan.js';
import { STORE_KINDS, useTestStore } from '../../testing/test-stores.js';
import { CONCURRENCY_REASON, type ConcurrencyKey } from './concurrency-lock.js';

describe.each(STORE_KINDS)('concurrency groups on %s', (kind) => {
  const t = useTestStore(kind);
  const extra: Store[] = [];
  afterAll(async () => {
    await Promise.all(extra.map((s) => s.close()));
  });

  /** A build of `projectId` with one job `deploy`, in `status`. */
  async function build(projectId: string, status: Job['status'] = 'pending', group: string | null = null): Promise<{ buildId: string; number: number; job: Job }> {
    const planJob = testPlanJob('deploy');
    const created = await t.store.builds.createBuildWithJobs({
      build: { projectId, event: 'manual', trusted: true, plan: testPlan([planJob]), concurrencyGroup: group },
      jobs: [{ planJob, status }],
    });
    return { buildId: created.build.id, number: created.build.number, job: created.jobs[0] as Job };
  }

  it('lets one holder in per group and project, transfers and releases it', async () => {
    const project = await createTestProject(t.store, 'conc');
    const other = await createTestProject(t.store, 'conc');
    const [a, b, c] = [await build(project.id), await build(project.id), await build(other.id)];
    const key: ConcurrencyKey = { projectId: project.id, scope: 'job', group: 'deploy-prod' };

    const first = await t.store.queue.acquireConcurrency(key, { holderId: a.job.id, buildId: a.buildId }, 1000);
    expect(first).toMatchObject({ acquired: true, lock: { holderId: a.job.id, buildId: a.buildId, group: 'deploy-prod', scope: 'job', acquiredAt: 1000 } });
    expect(await t.store.queue.acquireConcurrency(key, { holderId: a.job.id, buildId: a.buildId }, 2000)).toMatchObject({ acquired: true, lock: { acquiredAt: 1000 } });
    expect(await t.store.queue.acquireConcurrency(key, { holderId: b.job.id, buildId: b.buildId }, 2000)).toMatchObject({ acquired: false, lock: { holderId: a.job.id } });
    // Another project, or the other scope, is another group.
    expect((await t.store.queue.acquireConcurrency({ ...key, projectId: other.id }, { holderId: c.job.id, buildId: c.buildId }, 2000)).acquired).toBe(true);
    expect((await t.store.queue.acquireConcurrency({ ...key, scope: 'build' }, { holderId: b.buildId, buildId: b.buildId }, 2000)).acquired).toBe(true);

    expect(await t.store.queue.transferConcurrency(key, { holderId: b.job.id, buildId: b.buildId }, 3000)).toMatchObject({ holderId: b.job.id, acquiredAt: 3000 });
    expect(await t.store.queue.listConcurrencyLocks(a.buildId)).toEqual([]);
    expect((await t.store.queue.listConcurrencyLocks(b.buildId)).map((l) => [l.scope, l.holderId])).toEqual([
      ['build', b.buildId],
      ['job', b.job.id],
    ]);
    expect(await t.store.queue.releaseConcurrency([a.job.id])).toEqual([]);
    expect((await t.store.queue.releaseConcurrency([b.job.id])).map((l) => l.group)).toEqual(['deploy-prod']);
    expect(await t.store.queue.findConcurrencyLock(key)).toBeUndefined();
    expect((await t.store.queue.acquireConcurrency(key, { holderId: a.job.id, buildId: a.buildId }, 4000)).acquired).toBe(true);
  });

  it('lists the jobs and builds waiting for a group, and explains the wait with its holder', async () => {
    const project = await createTestProject(t.store, 'conc');
    const holder = await build(project.id, 'running', 'ci-main');
    const jobWaiter = await build(project.id);
    const buildWaiter = await build(project.id, 'pending', 'ci-main');
    await t.store.jobs.updateJob(jobWaiter.job.id, { status: 'waiting', reason: CONCURRENCY_REASON, concurrencyGroup: 'deploy' });
    await t.store.jobs.updateJob(buildWaiter.job.id, { status: 'waiting', reason: CONCURRENCY_REASON });
    await t.store.builds.updateBuild(buildWaiter.buildId, { status: 'waiting' });
    const jobKey: ConcurrencyKey = { projectId: project.id, scope: 'job', group: 'deploy' };
    const buildKey: ConcurrencyKey = { projectId: project.id, scope: 'build', group: 'ci-main' };

    expect(await t.store.queue.listConcurrencyWaiters(jobKey)).toEqual([{ holderId: jobWaiter.job.id, buildId: jobWaiter.buildId, buildNumber: jobWaiter.number }]);
    expect(await t.store.queue.listConcurrencyWaiters(buildKey)).toEqual([{ holderId: buildWaiter.buildId, buildId: buildWaiter.buildId, buildNumber: buildWaiter.number }]);
    expect(await t.store.queue.listConcurrencyWaiters({ ...jobKey, projectId: (await createTestProject(t.store, 'conc')).id })).toEqual([]);

    expect((await t.store.queue.explainWaiting(jobWaiter.job.id)).concurrency).toEqual({ scope: 'job', group: 'deploy', holder: null });
    await t.store.queue.acquireConcurrency(jobKey, { holderId: holder.job.id, buildId: holder.buildId }, 1);
    await t.store.queue.acquireConcurrency(buildKey, { holderId: holder.buildId, buildId: holder.buildId }, 1);
    expect((await t.store.queue.explainWaiting(jobWaiter.job.id)).concurrency).toEqual({
      scope: 'job',
      group: 'deploy',
      holder: { id: holder.job.id, buildId: holder.buildId, buildNumber: holder.number, name: 'deploy' },
    });
    expect((await t.store.queue.explainWaiting(buildWaiter.job.id)).concurrency).toEqual({
      scope: 'build',
      group: 'ci-main',
      holder: { id: holder.buildId, buildId: holder.buildId, buildNumber: holder.number, name: `#${holder.number}` },
    });
    expect((await t.store.queue.explainWaiting(holder.job.id)).concurrency).toBeUndefined();

    // A canceled build no longer waits, even while its jobs are being wound down.
    await t.store.builds.updateBuild(buildWaiter.buildId, { canceledBy: 'someone' });
    expect(await t.store.queue.listConcurrencyWaiters(buildKey)).toEqual([]);
  });

  it('never gives one group to two concurrent transactions (one store per "instance")', async () => {
    const project = await createTestProject(t.store, 'conc');
    const builds = await Promise.all(Array.from({ length: 6 }, () => build(project.id)));
    const stores = kind === 'sqlite' ? builds.map(() => t.store) : await Promise.all(builds.map(() => createStore({ ...t.database.options, poolSize: 1 })));
    if (kind === 'postgres') extra.push(...stores);
    const key: ConcurrencyKey = { projectId: project.id, scope: 'build', group: 'race' };
    const results = await Promise.all(
      builds.map((b, i) =>
        (stores[i] as Store).transaction(async (tx) => {
          const claim = await tx.queue.acquireConcurrency(key, { holderId: b.buildId, buildId: b.buildId }, i);
          // Hold the row a moment, as a real transaction would while it queues jobs.
          await new Promise((r) => setTimeout(r, 20));
          return claim.acquired;
        }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const holder = builds[results.indexOf(true)];
    expect((await t.store.queue.findConcurrencyLock(key))?.holderId).toBe(holder?.buildId);
  });
});
