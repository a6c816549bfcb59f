import { describe, expect, it } from 'vitest';
import * as api from '@ritmo/protocol';
import { STORE_KINDS } from '@ritmo/store/testing';
import { DAG_PIPELINE, useTestServer } from '../testing/test-server.js';

const MATRIX_PIPELINE = `
jobs:
  test:
    strategy: { matrix: { node: [18, 20, 22] }, fail-fast: true }
    steps:
      - run: npm test
  report:
    needs: [test]
    if: \${{ always() }}
    steps:
      - run: echo report
`;

const RETRY_PIPELINE = `
jobs:
  flaky:
    retry: { max: 1, when: [failure] }
    steps:
      - run: ./flaky.sh
`;

/** Orchestration driven the way agents will drive it: start and finish jobs, then read the build back. */
describe.each(STORE_KINDS)('orchestration (%s)', (kind) => {
  const t = useTestServer(kind);
  const orchestrator = () => t.app.ritmo.orchestrator;
  let seq = 0;

  const trigger = async (pipeline: string, body: Record<string, unknown> = {}): Promise<api.BuildDetail> => {
    const name = `orch-${kind}-${++seq}`;
    await t.call('POST', '/api/v1/projects', { body: { name, pipeline } });
    const res = await t.call('POST', `/api/v1/projects/${name}/builds`, { body });
    expect(res.status).toBe(201);
    return api.BuildDetail.parse(res.json);
  };
  const read = async (id: string): Promise<api.BuildDetail> => api.BuildDetail.parse((await t.call('GET', `/api/v1/builds/${id}`)).json);
  const statuses = (b: api.BuildDetail): Record<string, string> => Object.fromEntries(b.jobs.map((j) => [j.key, j.status]));
  const jobId = (b: api.BuildDetail, key: string): string => b.jobs.find((j) => j.key === key)?.id ?? '';
  const run = async (b: api.BuildDetail, key: string, status: 'success' | 'failure', exitCode = status === 'success' ? 0 : 1) => {
    await orchestrator().startJob(jobId(b, key), null);
    const job = await t.store.jobs.getJob(jobId(b, key));
    await orchestrator().finishJob(job.id, { attempt: job.attempt, status, exitCode });
  };

  it('queues jobs as their needs succeed and derives the build status', async () => {
    const b = await trigger(DAG_PIPELINE, { inputs: { target: 'prod' } });
    expect(b.number).toBe(1);
    expect(b.inputs).toEqual({ target: 'prod' });
    expect(b.status).toBe('queued');
    expect(statuses(b)).toEqual({ build: 'queued', test: 'pending', lint: 'pending', deploy: 'pending' });

    await orchestrator().startJob(jobId(b, 'build'), null);
    let now = await read(b.id);
    expect(now.status).toBe('running');
    expect(now.jobs.find((j) => j.key === 'build')?.steps.map((s) => s.status)).toEqual(['pending']);
    const build = await t.store.jobs.getJob(jobId(b, 'build'));
    await orchestrator().finishJob(build.id, { attempt: 1, status: 'success', exitCode: 0 });
    expect(statuses(await read(b.id))).toEqual({ build: 'success', test: 'queued', lint: 'queued', deploy: 'pending' });

    await run(b, 'test', 'success');
    expect(statuses(await read(b.id)).deploy).toBe('pending');
    await run(b, 'lint', 'success');
    expect(statuses(await read(b.id)).deploy).toBe('queued');
    await run(b, 'deploy', 'success');
    now = await read(b.id);
    expect(now.status).toBe('success');
    expect(now.finishedAt).not.toBeNull();
  });

  it('skips jobs whose needs failed and fails the build', async () => {
    const b = await trigger(DAG_PIPELINE);
    await run(b, 'build', 'success');
    await run(b, 'test', 'failure');
    await run(b, 'lint', 'success');
    const now = await read(b.id);
    expect(statuses(now)).toEqual({ build: 'success', test: 'failure', lint: 'success', deploy: 'skipped' });
    expect(now.jobs.find((j) => j.key === 'deploy')?.reason).toContain('failed');
    expect(now.status).toBe('failure');
  });

  it('applies fail-fast to a matrix and still runs an always() job', async () => {
    const b = await trigger(MATRIX_PIPELINE);
    const cells = b.jobs.filter((j) => j.key.startsWith('test'));
    expect(cells).toHaveLength(3);
    await orchestrator().startJob(cells[0]!.id, null);
    await orchestrator().startJob(cells[1]!.id, null);
    await orchestrator().finishJob(cells[0]!.id, { attempt: 1, status: 'failure', exitCode: 2 });
    const now = await read(b.id);
    const byId = new Map(now.jobs.map((j) => [j.id, j]));
    expect(byId.get(cells[1]!.id)?.status).toBe('canceled');
    expect(byId.get(cells[2]!.id)?.status).toBe('canceled');
    expect(statuses(now).report).toBe('queued');
    await run(now, 'report', 'success');
    expect((await read(b.id)).status).toBe('failure');
  });

  it('retries a failed attempt under the job’s retry policy', async () => {
    const b = await trigger(RETRY_PIPELINE);
    await run(b, 'flaky', 'failure');
    let job = (await read(b.id)).jobs[0]!;
    expect(job).toMatchObject({ status: 'queued', attempt: 2 });
    await run(b, 'flaky', 'failure');
    job = (await read(b.id)).jobs[0]!;
    expect(job).toMatchObject({ status: 'failure', attempt: 2, exitCode: 1 });
    expect((await t.store.jobAttempts.listJobAttempts(job.id)).map((a) => a.status)).toEqual(['failure', 'failure']);
  });

  it('refuses a result for a stale attempt', async () => {
    const b = await trigger(RETRY_PIPELINE);
    await run(b, 'flaky', 'failure');
    await expect(orchestrator().finishJob(jobId(b, 'flaky'), { attempt: 1, status: 'success' })).rejects.toMatchObject({ code: 'ERR_STORE_CONFLICT' });
  });

  it('cancels queued and running jobs and skips pending ones', async () => {
    const b = await trigger(DAG_PIPELINE);
    await run(b, 'build', 'success');
    await orchestrator().startJob(jobId(b, 'test'), null);
    const res = await t.call('POST', `/api/v1/builds/${b.id}/cancel`);
    expect(res.status).toBe(200);
    const now = api.BuildDetail.parse(res.json);
    expect(now.status).toBe('canceled');
    expect(statuses(now)).toEqual({ build: 'success', test: 'canceled', lint: 'canceled', deploy: 'skipped' });
    const twice = await t.call('POST', `/api/v1/builds/${b.id}/cancel`);
    expect(twice.status).toBe(409);
    expect(twice.json.error).toBe('ERR_API_BUILD_FINISHED');
  });

  it('retries one job with its dependents in place, and a whole build as a new one', async () => {
    const b = await trigger(DAG_PIPELINE);
    await run(b, 'build', 'success');
    await run(b, 'test', 'failure');
    await run(b, 'lint', 'success');
    expect((await read(b.id)).status).toBe('failure');

    const busy = await t.call('POST', `/api/v1/builds/${b.id}/retry`, { body: { job: jobId(b, 'build') } });
    expect(busy.status).toBe(200);
    let now = api.BuildDetail.parse(busy.json);
    expect(statuses(now)).toEqual({ build: 'queued', test: 'pending', lint: 'pending', deploy: 'pending' });
    expect(now.jobs.find((j) => j.key === 'build')?.attempt).toBe(2);
    expect(now.status).toBe('queued');
    expect(now.finishedAt).toBeNull();

    await run(now, 'build', 'success');
    await run(now, 'test', 'success');
    await run(now, 'lint', 'success');
    await run(now, 'deploy', 'success');
    now = await read(b.id);
    expect(now.status).toBe('success');

    const again = await t.call('POST', `/api/v1/builds/${b.id}/retry`, { body: {} });
    const retried = api.BuildDetail.parse(again.json);
    expect(retried.id).not.toBe(b.id);
    expect(retried.number).toBe(b.number + 1);
    expect(retried.retryOf).toBe(b.id);
    expect(statuses(retried).build).toBe('queued');
    const running = await t.call('POST', `/api/v1/builds/${retried.id}/retry`, { body: {} });
    expect(running.json.error).toBe('ERR_API_BUILD_NOT_FINISHED');
  });

  it('holds jobs for protected environments until a maintainer approves', async () => {
    const name = `orch-${kind}-approval`;
    const project = await t.call('POST', '/api/v1/projects', {
      body: { name, pipeline: 'jobs:\n  ship:\n    environment: { name: prod }\n    steps:\n      - run: ./ship\n' },
    });
    await t.store.projects.updateProject(project.json.id, { settings: { protectedEnvironments: ['prod'] } });
    const b = api.BuildDetail.parse((await t.call('POST', `/api/v1/projects/${name}/builds`, { body: {} })).json);
    expect(b.jobs[0]).toMatchObject({ status: 'waiting', reason: 'approval' });
    expect(b.status).toBe('waiting');

    const dev = await t.createUser(`dev-${kind}`, { roles: { [project.json.id]: 'developer' } });
    const denied = await t.call('POST', `/api/v1/jobs/${b.jobs[0]!.id}/approve`, { token: dev.token });
    expect(denied.json.error).toBe('ERR_AUTH_FORBIDDEN');
    const approved = await t.call('POST', `/api/v1/jobs/${b.jobs[0]!.id}/approve`);
    expect(approved.json).toMatchObject({ status: 'queued' });
    const again = await t.call('POST', `/api/v1/jobs/${b.jobs[0]!.id}/approve`);
    expect(again.json.error).toBe('ERR_API_JOB_NOT_WAITING');
    expect((await read(b.id)).status).toBe('queued');
  });
});
