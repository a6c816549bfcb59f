import { describe, expect, it } from 'vitest';
import * as api from '@ritmo/protocol';
import { STORE_KINDS } from '@ritmo/store/testing';
import { claimBody, useAgentTestServer } from './testing/test-agent-server.js';

const PIPELINE = `
env: { STAGE: ci }
on:
  manual:
    inputs:
      target: { type: string, default: staging }
jobs:
  build:
    runs-on: [linux]
    steps:
      - run: echo build
  test:
    needs: [build]
    runs-on: [linux]
    steps:
      - run: echo test
`;

const GPU = `
jobs:
  train:
    runs-on: [gpu]
    steps:
      - run: echo train
`;

describe.each(STORE_KINDS)('claiming jobs (%s)', (kind) => {
  // A long recheck: a held claim that gets a job was woken, never rescheduled.
  const t = useAgentTestServer(kind, { agentApi: { recheckMs: 120_000, pollTimeoutMs: 60_000 } });

  it('answers 204 when nothing fits, and a full payload for a queued job', async () => {
    const agent = await t.register(['linux', 'os:linux']);
    const none = await t.call('POST', api.agentPaths.claim, { token: agent.token, body: claimBody(0) });
    expect(none.status).toBe(204);

    const build = await t.trigger(PIPELINE);
    const res = await t.call('POST', api.agentPaths.claim, { token: agent.token, body: claimBody(0) });
    expect(res.status).toBe(200);
    const payload = api.JobPayload.parse(res.json);
    expect(payload).toMatchObject({ buildId: build.id, attempt: 1, inputs: { target: 'staging' }, pipelineEnv: { STAGE: 'ci' }, secrets: {}, repo: null, logOffset: 0, needs: {} });
    expect(payload.job.key).toBe('build');
    expect(payload.ritmo).toMatchObject({ buildId: build.id, number: 1, event: 'manual', trusted: true });
    expect(payload.jobToken).toMatch(/^ritmojob_/);
    const now = await t.build(build.id);
    expect(now.status).toBe('running');
    expect(now.jobs.find((j) => j.key === 'build')).toMatchObject({ status: 'running', agentId: agent.agentId });
    expect(now.jobs.find((j) => j.key === 'build')?.steps.map((s) => s.status)).toEqual(['pending']);
  });

  it('gives the same claim and job token again for a repeated request id, never a second job', async () => {
    const agent = await t.register(['linux']);
    await t.trigger(PIPELINE);
    await t.trigger(PIPELINE);
    const body = claimBody(0);
    const first = api.JobPayload.parse((await t.call('POST', api.agentPaths.claim, { token: agent.token, body })).json);
    const again = api.JobPayload.parse((await t.call('POST', api.agentPaths.claim, { token: agent.token, body })).json);
    expect(again).toEqual(first);
    const other = api.JobPayload.parse((await t.call('POST', api.agentPaths.claim, { token: agent.token, body: claimBody(0) })).json);
    expect(other.jobId).not.toBe(first.jobId);
  });

  it('claims only jobs whose runs-on labels the agent has', async () => {
    const linux = await t.register(['linux']);
    const gpu = await t.register(['gpu', 'linux']);
    const build = await t.trigger(GPU);
    expect((await t.call('POST', api.agentPaths.claim, { token: linux.token, body: claimBody(0) })).status).toBe(204);
    const got = await t.call('POST', api.agentPaths.claim, { token: gpu.token, body: claimBody(0) });
    expect(got.json.buildId).toBe(build.id);
  });

  it('wakes a held claim when a job is queued', async () => {
    const agent = await t.register(['wake-me']);
    const held = t.call('POST', api.agentPaths.claim, { token: agent.token, body: claimBody(30_000) });
    await new Promise((r) => setTimeout(r, 200));
    const build = await t.trigger('jobs:\n  solo:\n    runs-on: [wake-me]\n    steps:\n      - run: "true"\n');
    const res = await held;
    expect(res.status).toBe(200);
    expect(res.json.buildId).toBe(build.id);
  });

  it('claims nothing for a drained agent', async () => {
    const agent = await t.register(['drained']);
    await t.call('POST', `/api/v1/agents/${agent.agentId}/drain`);
    await t.trigger('jobs:\n  solo:\n    runs-on: [drained]\n    steps:\n      - run: "true"\n');
    expect((await t.call('POST', api.agentPaths.claim, { token: agent.token, body: claimBody(0) })).status).toBe(204);
    expect((await t.call('POST', api.agentPaths.heartbeat, { token: agent.token, body: { running: [] } })).json.draining).toBe(true);
  });
});

describe('two server instances on one PostgreSQL', () => {
  const t = useAgentTestServer('postgres', { instances: 2, agentApi: { recheckMs: 120_000, pollTimeoutMs: 60_000 } });

  it('wakes a claim held on one instance when a job is queued through the other', async () => {
    const agent = await t.register(['far']);
    const held = t.call('POST', api.agentPaths.claim, { token: agent.token, body: claimBody(30_000), on: 0 });
    await new Promise((r) => setTimeout(r, 200));
    const build = await t.trigger('jobs:\n  solo:\n    runs-on: [far]\n    steps:\n      - run: "true"\n', 1);
    const res = await held;
    expect(res.status).toBe(200);
    expect(res.json.buildId).toBe(build.id);
  });
});
