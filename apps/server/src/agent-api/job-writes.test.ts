import { describe, expect, it } from 'vitest';
import * as api from '@ritmo/protocol';
import { STORE_KINDS } from '@ritmo/store/testing';
import { claimBody, leaseOf, useAgentTestServer } from './testing/test-agent-server.js';

const PIPELINE = `
jobs:
  build:
    runs-on: [writes]
    steps:
      - run: echo build
  test:
    needs: [build]
    runs-on: [writes]
    steps:
      - run: echo test
`;

const b64 = (text: string): string => Buffer.from(text).toString('base64');

describe.each(STORE_KINDS)('job-scoped writes (%s)', (kind) => {
  const t = useAgentTestServer(kind);

  const claim = async (token: string): Promise<api.JobPayload> => api.JobPayload.parse((await t.call('POST', api.agentPaths.claim, { token, body: claimBody(0) })).json);
  const path = (template: string, p: api.JobPayload, stepId = ''): string => api.agentPath(template, { id: p.jobId, stepId });

  it('runs a job: steps, idempotent log chunks, result; the dependent gets the outputs', async () => {
    const agent = await t.register(['writes']);
    const build = await t.trigger(PIPELINE);
    const p = await claim(agent.token);
    const stepId = p.job.steps[0]?.id ?? '';
    const w = (template: string, body: unknown) => t.call('POST', path(template, p, stepId), { token: p.jobToken, body: { ...leaseOf(p), ...(body as object) } });

    expect((await w(api.agentPaths.step, { status: 'running' })).status).toBe(204);
    expect((await w(api.agentPaths.log, { offset: 0, data: b64('hello\n') })).json).toEqual({ offset: 6 });
    expect((await w(api.agentPaths.log, { offset: 0, data: b64('hello\nworld\n') })).json).toEqual({ offset: 12 });
    const gap = await w(api.agentPaths.log, { offset: 40, data: b64('x\n') });
    expect(gap.status).toBe(409);
    expect(gap.json).toMatchObject({ error: 'ERR_STORE_LOG_GAP', details: { expectedOffset: 12 } });
    expect((await w(api.agentPaths.step, { status: 'success', exitCode: 0 })).status).toBe(204);

    const beat = await t.call('POST', api.agentPaths.heartbeat, { token: agent.token, body: { running: [{ jobId: p.jobId, ...leaseOf(p), logOffset: 12 }] } });
    expect(beat.json.cancel).toEqual([]);
    expect(beat.json.leases).toEqual([expect.objectContaining({ jobId: p.jobId, attempt: 1, logOffset: 12 })]);

    const done = await w(api.agentPaths.complete, { status: 'success', exitCode: 0, outputs: { version: '1.2.3' } });
    expect(done.json).toEqual({ status: 'success', requeued: false });
    expect((await t.call('GET', `/api/v1/jobs/${p.jobId}/log`)).text).toBe('hello\nworld\n');
    const now = await t.build(build.id);
    expect(now.jobs.map((j) => [j.key, j.status])).toEqual([
      ['build', 'success'],
      ['test', 'queued'],
    ]);
    expect(now.jobs[0]?.steps[0]).toMatchObject({ status: 'success', exitCode: 0 });

    const next = await claim(agent.token);
    expect(next.needs).toEqual({ build: { result: 'success', outputs: { version: '1.2.3' } } });
    // A second completion of the same attempt is stale.
    expect((await w(api.agentPaths.complete, { status: 'success', exitCode: 0 })).json).toMatchObject({ error: 'ERR_STORE_LEASE_CONFLICT', details: { reason: 'completed' } });
  });

  it('refuses a job token of another job, attempt or lease', async () => {
    const agent = await t.register(['writes']);
    await t.trigger(PIPELINE);
    const p = await claim(agent.token);
    const url = path(api.agentPaths.log, p);
    const body = { ...leaseOf(p), offset: 0, data: b64('x\n') };
    expect((await t.call('POST', url, { token: null, body })).json.error).toBe('ERR_AGENT_UNAUTHENTICATED');
    expect((await t.call('POST', url, { token: agent.token, body })).json.error).toBe('ERR_AGENT_INVALID_JOB_TOKEN');
    const other = await t.call('POST', url, { token: p.jobToken, body: { ...body, leaseToken: 'forged' } });
    expect(other.status).toBe(401);
    expect(other.json.error).toBe('ERR_AGENT_INVALID_JOB_TOKEN');
  });

  it('fences a lost attempt: 409 on its writes, cancel in its heartbeat, and the job runs again', async () => {
    const agent = await t.register(['fence']);
    const build = await t.trigger('jobs:\n  solo:\n    runs-on: [fence]\n    steps:\n      - run: "true"\n');
    const p = await claim(agent.token);
    const running = [{ jobId: p.jobId, ...leaseOf(p), logOffset: 0 }];
    await t.call('POST', api.agentPaths.heartbeat, { token: agent.token, body: { running } });
    t.clock.advance(61_000);
    const lost = await t.apps[0]?.ritmo.agentApi.sweep();
    expect(lost?.filter((l) => l.jobId === p.jobId).map((l) => [l.cause, l.outcome])).toEqual([['lease-expired', 'requeued']]);

    const stale = await t.call('POST', path(api.agentPaths.log, p), { token: p.jobToken, body: { ...leaseOf(p), offset: 0, data: b64('late\n') } });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ error: 'ERR_STORE_LEASE_CONFLICT', details: { reason: 'lost' } });
    const beat = await t.call('POST', api.agentPaths.heartbeat, { token: agent.token, body: { running } });
    expect(beat.json.cancel).toEqual([{ jobId: p.jobId, attempt: 1, reason: 'lost' }]);
    const watch = await t.call('POST', path(api.agentPaths.watch, p), { token: p.jobToken, body: { ...leaseOf(p), waitMs: 0 } });
    expect(watch.json).toEqual({ cancel: true, reason: 'lost' });

    const second = await claim(agent.token);
    expect(second).toMatchObject({ jobId: p.jobId, attempt: 2 });
    await t.call('POST', path(api.agentPaths.complete, second), { token: second.jobToken, body: { ...leaseOf(second), status: 'success', exitCode: 0 } });
    const now = await t.build(build.id);
    expect(now.status).toBe('success');
    const attempts = await t.store.jobAttempts.listJobAttempts(p.jobId);
    expect(attempts.map((a) => a.status)).toEqual(['lost', 'success']);
  });

  it('requeues a claim whose first heartbeat never came, and takes a released job back', async () => {
    const agent = await t.register(['first']);
    await t.trigger('jobs:\n  solo:\n    runs-on: [first]\n    steps:\n      - run: "true"\n');
    const p = await claim(agent.token);
    t.clock.advance(31_000);
    const swept = await t.apps[0]?.ritmo.agentApi.sweep();
    expect(swept?.filter((l) => l.jobId === p.jobId).map((l) => l.cause)).toEqual(['first-heartbeat-missed']);
    const again = await claim(agent.token);
    expect(again.attempt).toBe(2);
    const released = await t.call('POST', path(api.agentPaths.release, again), { token: again.jobToken, body: { ...leaseOf(again), reason: 'draining' } });
    expect(released.status).toBe(204);
    expect((await t.store.jobs.getJob(p.jobId)).status).toBe('queued');
  });

  it('wakes a job watch when the build is canceled', async () => {
    const agent = await t.register(['watch']);
    const build = await t.trigger('jobs:\n  solo:\n    runs-on: [watch]\n    steps:\n      - run: "true"\n');
    const p = await claim(agent.token);
    const watching = t.call('POST', path(api.agentPaths.watch, p), { token: p.jobToken, body: { ...leaseOf(p), waitMs: 30_000 } });
    await new Promise((r) => setTimeout(r, 200));
    expect((await t.call('POST', `/api/v1/builds/${build.id}/cancel`)).status).toBe(200);
    expect((await watching).json).toEqual({ cancel: true, reason: 'canceled' });
    const idle = await t.call('POST', path(api.agentPaths.watch, p), { token: p.jobToken, body: { ...leaseOf(p), waitMs: 0 } });
    expect(idle.json.cancel).toBe(true);
  });
});
