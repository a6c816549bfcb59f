import { describe, expect, it } from 'vitest';
import * as api from '@ritmo/protocol';
import { STORE_KINDS } from '@ritmo/store/testing';
import { useTestServer } from '../../testing/test-server.js';

const PIPELINE_GROUP = `
concurrency: "ci-\${{ ritmo.branch }}"
jobs:
  build:
    steps:
      - run: make
`;

const CANCEL_IN_PROGRESS = `
concurrency: { group: "ci-\${{ ritmo.branch }}", cancel-in-progress: true }
jobs:
  build:
    steps:
      - run: make
`;

const JOB_GROUP = `
jobs:
  deploy:
    concurrency: deploy-prod
    steps:
      - run: ./deploy
`;

const THREE_IN_ONE_GROUP = `
jobs:
  a: { concurrency: shared, steps: [./a] }
  b: { concurrency: shared, steps: [./b] }
  c: { concurrency: shared, steps: [./c] }
`;

const JOB_CANCEL_IN_PROGRESS = `
jobs:
  build: { steps: [make] }
  deploy:
    needs: [build]
    concurrency: { group: "deploy-\${{ ritmo.branch }}", cancel-in-progress: true }
    steps: [./deploy]
`;

const FROM_CONTEXTS = `
jobs:
  pick:
    outputs: { target: "\${{ steps.p.outputs.target }}" }
    steps:
      - id: p
        run: echo target=prod >> "$RITMO_OUTPUT"
  deploy:
    needs: [pick]
    strategy: { matrix: { region: [eu, us] } }
    concurrency: "\${{ needs.pick.outputs.target }}-\${{ matrix.region }}-\${{ ritmo.job }}"
    steps: [./deploy]
  broken:
    concurrency: "\${{ fromJSON('not json') }}"
    steps: [./never]
  named:
    if: \${{ ritmo.job == 'named' }}
    steps: [./runs]
`;

/** Concurrency groups driven the way agents drive builds: start and finish jobs, then read builds back. */
describe.each(STORE_KINDS)('concurrency groups (%s)', (kind) => {
  const t = useTestServer(kind);
  const orchestrator = () => t.app.ritmo.orchestrator;
  let seq = 0;

  const project = async (pipeline: string): Promise<string> => {
    const name = `conc-${kind}-${++seq}`;
    expect((await t.call('POST', '/api/v1/projects', { body: { name, pipeline } })).status).toBe(201);
    return name;
  };
  const trigger = async (name: string, body: Record<string, unknown> = {}): Promise<api.BuildDetail> => {
    const res = await t.call('POST', `/api/v1/projects/${name}/builds`, { body });
    expect(res.status, res.text).toBe(201);
    return api.BuildDetail.parse(res.json);
  };
  const read = async (id: string): Promise<api.BuildDetail> => api.BuildDetail.parse((await t.call('GET', `/api/v1/builds/${id}`)).json);
  const job = async (buildId: string, key: string): Promise<api.BuildDetail['jobs'][number]> => {
    const found = (await read(buildId)).jobs.find((j) => j.key === key);
    if (!found) throw new Error(`no job ${key}`);
    return found;
  };
  const waiting = async (jobId: string): Promise<api.JobWaiting> => api.JobWaiting.parse((await t.call('GET', `/api/v1/jobs/${jobId}/waiting`)).json);
  const start = (jobId: string) => orchestrator().startJob(jobId, null);
  const finish = async (jobId: string, status: 'success' | 'failure' = 'success') => {
    const current = await t.store.jobs.getJob(jobId);
    await orchestrator().finishJob(jobId, { attempt: current.attempt, status, exitCode: status === 'success' ? 0 : 1 });
  };
  const run = async (buildId: string, key: string, status: 'success' | 'failure' = 'success') => {
    const { id } = await job(buildId, key);
    await start(id);
    await finish(id, status);
  };

  it('runs one build per pipeline group and project, keeps only the newest waiting, and releases the next when the holder ends', async () => {
    const name = await project(PIPELINE_GROUP);
    const first = await trigger(name);
    expect(first.status).toBe('queued');
    const second = await trigger(name);
    expect(second.status).toBe('waiting');
    expect(second.jobs[0]).toMatchObject({ status: 'waiting', reason: 'concurrency' });
    const why = await waiting(second.jobs[0]!.id);
    expect(why.reasons[0]).toEqual({
      kind: 'concurrency',
      message: `the build waits for the concurrency group ci-main, held by build #${first.number}`,
      group: 'ci-main',
      scope: 'build',
      holder: { id: first.id, buildId: first.id, buildNumber: first.number, name: `#${first.number}` },
    });

    // Another branch is another group; another project with the same group is independent too.
    expect((await trigger(name, { ref: 'feature' })).status).toBe('queued');
    expect((await trigger(await project(PIPELINE_GROUP))).status).toBe('queued');

    // A newer build replaces the one waiting (GitHub keeps one pending run per group).
    const third = await trigger(name);
    expect(third.status).toBe('waiting');
    const replaced = await read(second.id);
    expect(replaced).toMatchObject({ status: 'canceled', canceledBy: 'concurrency' });
    expect(replaced.jobs[0]?.status).toBe('canceled');

    // An approval cannot let a job past its group.
    const approve = await t.call('POST', `/api/v1/jobs/${third.jobs[0]!.id}/approve`);
    expect(approve.json.error).toBe('ERR_API_JOB_NOT_WAITING');

    await start(first.jobs[0]!.id);
    expect((await read(third.id)).status).toBe('waiting');
    await finish(first.jobs[0]!.id, 'failure');
    const released = await read(third.id);
    expect(released.status).toBe('queued');
    expect(released.jobs[0]).toMatchObject({ status: 'queued', reason: null });

    // A holder canceled by a person frees the group as well.
    const fourth = await trigger(name);
    expect(fourth.status).toBe('waiting');
    expect((await t.call('POST', `/api/v1/builds/${third.id}/cancel`)).status).toBe(200);
    expect((await read(fourth.id)).status).toBe('queued');
  });

  it('with cancel-in-progress cancels the running holder and lets the newcomer run at once', async () => {
    const name = await project(CANCEL_IN_PROGRESS);
    const first = await trigger(name);
    await start(first.jobs[0]!.id);
    const second = await trigger(name);
    expect(second.status).toBe('queued');
    const canceled = await read(first.id);
    expect(canceled).toMatchObject({ status: 'canceled', canceledBy: 'concurrency' });
    expect(canceled.jobs[0]?.status).toBe('canceled');
    const attempts = await t.store.jobAttempts.listJobAttempts(first.jobs[0]!.id);
    expect(attempts.map((a) => a.status)).toEqual(['canceled']);
    // The old holder no longer holds anything: the newcomer's build ending frees the group for the next.
    await run(second.id, 'build');
    expect((await trigger(name)).status).toBe('queued');
  });

  it('runs one job per job group across builds, whatever way the holder ends', async () => {
    const name = await project(JOB_GROUP);
    const first = await trigger(name);
    const second = await trigger(name);
    expect(first.jobs[0]).toMatchObject({ status: 'queued' });
    expect(second.jobs[0]).toMatchObject({ status: 'waiting', reason: 'concurrency' });
    expect((await waiting(second.jobs[0]!.id)).reasons[0]).toMatchObject({
      kind: 'concurrency',
      scope: 'job',
      group: 'deploy-prod',
      holder: { id: first.jobs[0]!.id, buildNumber: first.number, name: 'deploy' },
      message: `the job waits for the concurrency group deploy-prod, held by deploy of build #${first.number}`,
    });
    await run(first.id, 'deploy', 'failure');
    expect((await job(second.id, 'deploy')).status).toBe('queued');
    const stored = await t.store.jobs.getJob(second.jobs[0]!.id);
    expect(stored.concurrencyGroup).toBe('deploy-prod');
  });

  it('does not wait for a holder that ended while its build never moved on (a server stopped in between)', async () => {
    const name = await project(JOB_GROUP);
    const first = await trigger(name);
    await t.store.jobs.updateJob(first.jobs[0]!.id, { status: 'failure', finishedAt: Date.now() });
    const second = await trigger(name);
    expect(second.jobs[0]).toMatchObject({ status: 'queued' });
    expect((await t.store.queue.findConcurrencyLock({ projectId: second.projectId, scope: 'job', group: 'deploy-prod' }))?.holderId).toBe(second.jobs[0]!.id);
  });

  it('keeps the newest of three jobs of one build that share a group', async () => {
    const b = await trigger(await project(THREE_IN_ONE_GROUP));
    const byKey = Object.fromEntries(b.jobs.map((j) => [j.key, j]));
    expect([byKey.a?.status, byKey.b?.status, byKey.c?.status]).toEqual(['queued', 'canceled', 'waiting']);
    expect(byKey.b?.reason).toBe(`replaced by job "c" of build #${b.number} in concurrency group shared`);
    await run(b.id, 'a');
    expect((await job(b.id, 'c')).status).toBe('queued');
    await run(b.id, 'c');
    expect((await read(b.id)).status).toBe('canceled');
  });

  it('cancels the holding job of another build when a job with cancel-in-progress becomes runnable', async () => {
    const name = await project(JOB_CANCEL_IN_PROGRESS);
    const first = await trigger(name);
    await run(first.id, 'build');
    const holder = await job(first.id, 'deploy');
    expect(holder.status).toBe('queued');
    await start(holder.id);
    const second = await trigger(name);
    expect((await job(second.id, 'deploy')).status).toBe('pending');
    await run(second.id, 'build');
    expect((await job(second.id, 'deploy')).status).toBe('queued');
    const old = await read(first.id);
    expect(old.status).toBe('canceled');
    expect(old.jobs.find((j) => j.key === 'deploy')).toMatchObject({
      status: 'canceled',
      reason: `canceled by job "deploy" of build #${second.number} in concurrency group deploy-main (cancel-in-progress)`,
    });
  });

  it('evaluates job groups when the job becomes runnable, with needs, matrix and ritmo.job; a bad group fails the job', async () => {
    const b = await trigger(await project(FROM_CONTEXTS));
    const broken = b.jobs.find((j) => j.key === 'broken');
    expect(broken?.status).toBe('failure');
    expect(broken?.reason).toMatch(/^concurrency group: /);
    expect(b.jobs.find((j) => j.key === 'named')?.status).toBe('queued');

    const pick = b.jobs.find((j) => j.key === 'pick')!;
    await start(pick.id);
    await orchestrator().finishJob(pick.id, { attempt: 1, status: 'success', exitCode: 0, outputs: { target: 'prod' } });
    const cells = (await t.store.jobs.listBuildJobs(b.id)).filter((j) => j.key === 'deploy');
    expect(cells.map((c) => [c.status, c.concurrencyGroup])).toEqual([
      ['queued', 'prod-eu-deploy-eu'],
      ['queued', 'prod-us-deploy-us'],
    ]);
  });

  it('refuses a trigger whose pipeline group cannot be evaluated', async () => {
    const name = await project('concurrency: "${{ fromJSON(\'{\') }}"\njobs:\n  a: { steps: [x] }\n');
    const res = await t.call('POST', `/api/v1/projects/${name}/builds`, { body: {} });
    expect(res.status).toBe(422);
    expect(res.json.error).toBe('ERR_PIPELINE_EXPRESSION');
    expect((await t.call('GET', `/api/v1/builds?project=${name}`)).json.items).toEqual([]);
  });

  it('gives a group to exactly one of many builds triggered at once, and keeps one waiting', async () => {
    const name = await project(PIPELINE_GROUP);
    const builds = await Promise.all(Array.from({ length: 6 }, () => trigger(name)));
    const now = await Promise.all(builds.map((b) => read(b.id)));
    const count = (status: string) => now.filter((b) => b.status === status).length;
    expect([count('queued'), count('waiting'), count('canceled')]).toEqual([1, 1, 4]);
    const holder = now.find((b) => b.status === 'queued')!;
    const next = now.find((b) => b.status === 'waiting')!;
    await run(holder.id, 'build');
    expect((await read(next.id)).status).toBe('queued');
  });
});
