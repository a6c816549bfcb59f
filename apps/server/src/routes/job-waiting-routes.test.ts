import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as api from '@ritmo/protocol';
import { STORE_KINDS } from '@ritmo/store/testing';
import { claimBody, useAgentTestServer } from '../agent-api/testing/test-agent-server.js';

const label = (): string => `l${randomBytes(4).toString('hex')}`;
const solo = (labels: string[], name = 'solo'): string => `  ${name}:\n    runs-on: [${labels.join(', ')}]\n    steps:\n      - run: "true"\n`;

describe.each(STORE_KINDS)('why a job waits (%s)', (kind) => {
  const t = useAgentTestServer(kind);
  const waiting = async (jobId: string): Promise<api.JobWaiting> => {
    const res = await t.call('GET', `/api/v1/jobs/${jobId}/waiting`);
    expect(res.status).toBe(200);
    return api.JobWaiting.parse(res.json);
  };

  it('names the labels no online agent has, with the queue position', async () => {
    const [linux, gpu] = [label(), label()];
    await t.register([linux]);
    const build = await t.trigger(`jobs:\n${solo([linux, gpu], 'train')}`);
    const w = await waiting(build.jobs[0]?.id ?? '');
    expect(w).toMatchObject({
      status: 'queued',
      waiting: true,
      queue: { position: 1, sameLabels: 1 },
      reasons: [{ kind: 'no-matching-agent', labels: [gpu] }],
      agents: { matching: 0, idle: 0, busy: 0 },
    });
    expect(w.summary).toBe(`no online agent has the label ${gpu}`);

    // Each label on some agent, but none with both.
    await t.register([gpu]);
    expect((await waiting(build.jobs[0]?.id ?? '')).reasons).toEqual([
      { kind: 'no-matching-agent', message: `no online agent has all of the labels ${[linux, gpu].sort().join(', ')}`, labels: [linux, gpu].sort() },
    ]);
  });

  it('says every matching agent is busy, and where each queued job stands', async () => {
    const busy = label();
    const agent = await t.register([busy], { capacity: 1 });
    const first = await t.trigger(`jobs:\n${solo([busy], 'a')}${solo([busy], 'b')}`);
    const claimed = api.JobPayload.parse((await t.call('POST', api.agentPaths.claim, { token: agent.token, body: claimBody(0) })).json);
    t.clock.advance(1_000);
    const later = await t.trigger(`jobs:\n${solo([busy], 'c')}`);
    const queued = first.jobs.find((j) => j.id !== claimed.jobId)?.id ?? '';

    const w = await waiting(queued);
    expect(w).toMatchObject({ status: 'queued', queue: { position: 1, sameLabels: 2 }, reasons: [{ kind: 'agents-busy' }], agents: { matching: 1, idle: 0, busy: 1 } });
    expect(w.summary).toContain('every matching agent is busy (1 busy)');
    const behind = await waiting(later.jobs[0]?.id ?? '');
    expect(behind).toMatchObject({ queue: { position: 2, sameLabels: 2 }, reasons: [{ kind: 'agents-busy' }] });
    expect(behind.summary).toContain('number 2 of 2');

    expect(await waiting(claimed.jobId)).toMatchObject({ status: 'running', waiting: false, reasons: [], queue: null, summary: 'the job is running' });
  });

  it('says an idle matching agent can take a queued job, and what a draining one means', async () => {
    const idle = label();
    const agent = await t.register([idle], { capacity: 2 });
    const build = await t.trigger(`jobs:\n${solo([idle])}`);
    expect(await waiting(build.jobs[0]?.id ?? '')).toMatchObject({ reasons: [{ kind: 'queued', message: '1 matching agent can take it; it is next in line' }], agents: { idle: 1 } });
    await t.call('POST', `/api/v1/agents/${agent.agentId}/drain`);
    expect(await waiting(build.jobs[0]?.id ?? '')).toMatchObject({ reasons: [{ kind: 'agents-draining' }], agents: { matching: 1, draining: 1 } });
    // A queued job with a group holds it: the group is not what it waits for.
    await t.store.jobs.updateJob(build.jobs[0]?.id ?? '', { concurrencyGroup: 'deploy-prod' });
    expect((await waiting(build.jobs[0]?.id ?? '')).reasons.map((r) => r.kind)).toEqual(['agents-draining']);
  });

  it('names the needs a pending job waits for, and a hold for approval', async () => {
    const l = label();
    const build = await t.trigger(`jobs:\n${solo([l], 'compile')}  test:\n    needs: [compile]\n    runs-on: [${l}]\n    steps:\n      - run: "true"\n`);
    const compile = build.jobs.find((j) => j.key === 'compile');
    const test = build.jobs.find((j) => j.key === 'test');
    expect(await waiting(test?.id ?? '')).toMatchObject({
      status: 'pending',
      waiting: true,
      queue: null,
      reasons: [{ kind: 'needs', message: 'waits for compile (queued)', needs: [{ jobId: compile?.id, key: 'compile', name: 'compile', status: 'queued' }] }],
    });

    const project = await t.store.projects.getProject(build.projectId);
    const fork = await t.apps[0]?.ritmo.orchestrator.triggerBuild({ project, actor: null, event: 'pull_request', trusted: false, pipeline: `jobs:\n${solo([l])}` });
    const held = (await t.store.jobs.listBuildJobs(fork?.id ?? ''))[0];
    expect(await waiting(held?.id ?? '')).toMatchObject({ status: 'waiting', waiting: true, reasons: [{ kind: 'approval' }] });
  });

  it('holds matrix cells past max-parallel, and answers 404 for an unknown job', async () => {
    const l = label();
    const build = await t.trigger(`jobs:\n  cell:\n    runs-on: [${l}]\n    strategy: { matrix: { n: [1, 2, 3] }, max-parallel: 1 }\n    steps:\n      - run: "true"\n`);
    const pending = build.jobs.filter((j) => j.status === 'pending');
    expect(pending).toHaveLength(2);
    expect(await waiting(pending[0]?.id ?? '')).toMatchObject({ reasons: [{ kind: 'max-parallel', maxParallel: 1 }] });
    expect((await t.call('GET', '/api/v1/jobs/j_missing/waiting')).json).toMatchObject({ error: 'ERR_API_JOB_NOT_FOUND' });
  });

  it('is declared in the OpenAPI document', async () => {
    const doc = (await t.call('GET', '/api/v1/openapi.json')).json;
    expect(doc.paths['/api/v1/jobs/{id}/waiting'].get.responses['200']).toBeDefined();
  });
});
