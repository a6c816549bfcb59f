import { describe, expect, it } from 'vitest';
import * as api from '@ritmo/protocol';
import { STORE_KINDS } from '@ritmo/store/testing';
import { claimBody, useAgentTestServer } from './testing/test-agent-server.js';

const PIPELINE = `
jobs:
  deploy:
    runs-on: [secrets]
    steps:
      - run: echo "\${{ secrets.DEPLOY_KEY }}"
  other:
    runs-on: [secrets]
    steps:
      - run: echo no secrets here
`;

describe.each(STORE_KINDS)('secrets in job payloads (%s)', (kind) => {
  const t = useAgentTestServer(kind);

  it('sends a job only the secrets it references, and an untrusted build none', async () => {
    const agent = await t.register(['secrets']);
    const trusted = await t.trigger(PIPELINE);
    const project = (await t.call('GET', `/api/v1/builds/${trusted.id}`)).json.projectId as string;
    expect((await t.call('PUT', `/api/v1/projects/${project}/secrets/DEPLOY_KEY`, { body: { value: 'hunter2-secret' } })).status).toBe(200);
    expect((await t.call('PUT', `/api/v1/projects/${project}/secrets/UNUSED`, { body: { value: 'not-for-you' } })).status).toBe(200);
    const claim = async (): Promise<api.JobPayload> => api.JobPayload.parse((await t.call('POST', api.agentPaths.claim, { token: agent.token, body: claimBody(0) })).json);
    const payloads = [await claim(), await claim()];
    expect(Object.fromEntries(payloads.map((p) => [p.job.key, p.secrets]))).toEqual({ deploy: { DEPLOY_KEY: 'hunter2-secret' }, other: {} });

    const app = t.apps[0];
    const stored = await t.store.projects.getProject(project);
    const fork = await app?.ritmo.orchestrator.triggerBuild({ project: stored, actor: null, event: 'pull_request', trusted: false, pipeline: PIPELINE });
    for (const job of await t.store.jobs.listBuildJobs(fork?.id ?? '')) {
      expect(job.status).toBe('waiting');
      expect((await t.call('POST', `/api/v1/jobs/${job.id}/approve`)).status).toBe(200);
    }
    const forked = [await claim(), await claim()];
    expect(forked.map((p) => p.ritmo.trusted)).toEqual([false, false]);
    expect(forked.map((p) => p.secrets)).toEqual([{}, {}]);
    expect(JSON.stringify(forked)).not.toContain('hunter2-secret');

    // A maintainer approves another fork build's secrets: its jobs get what they reference, no more.
    const approvedFork = await app?.ritmo.orchestrator.triggerBuild({ project: stored, actor: null, event: 'pull_request', trusted: false, pipeline: PIPELINE });
    expect((await t.call('POST', `/api/v1/builds/${approvedFork?.id}/approve-secrets`)).status).toBe(200);
    for (const job of await t.store.jobs.listBuildJobs(approvedFork?.id ?? '')) await t.call('POST', `/api/v1/jobs/${job.id}/approve`);
    const approved = [await claim(), await claim()];
    expect(approved.map((p) => p.buildId)).toEqual([approvedFork?.id, approvedFork?.id]);
    expect(Object.fromEntries(approved.map((p) => [p.job.key, p.secrets]))).toEqual({ deploy: { DEPLOY_KEY: 'hunter2-secret' }, other: {} });
  });

  it('fails a job whose secret does not decrypt once, with the error code as its reason, instead of failing every claim', async () => {
    const agent = await t.register(['secrets']);
    const build = await t.trigger(PIPELINE);
    const project = build.projectId;
    expect((await t.call('PUT', `/api/v1/projects/${project}/secrets/DEPLOY_KEY`, { body: { value: 'hunter2-secret' } })).status).toBe(200);
    await t.store.db.updateTable('secrets').set({ ciphertext: Buffer.from('tampered ciphertext bytes') }).where('project_id', '=', project).where('name', '=', 'DEPLOY_KEY').execute();

    const body = claimBody(0);
    const refused = await t.call('POST', api.agentPaths.claim, { token: agent.token, body });
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ error: 'ERR_AGENT_JOB_NOT_PREPARED', details: { reason: 'ERR_SECRET_DECRYPT_FAILED' } });
    const deploy = (await t.build(build.id)).jobs.find((j) => j.key === 'deploy');
    expect(deploy).toMatchObject({ status: 'failure', reason: 'ERR_SECRET_DECRYPT_FAILED', attempt: 1 });
    expect(deploy?.steps.map((s) => s.status)).toEqual([]);
    expect((await t.call('GET', `/api/v1/jobs/${deploy?.id}/log`)).text).toContain('ERR_SECRET_DECRYPT_FAILED');

    // The same claim request again is not a second failure (nor a 500): the claim ended.
    expect((await t.call('POST', api.agentPaths.claim, { token: agent.token, body })).status).toBe(204);
    const next = api.JobPayload.parse((await t.call('POST', api.agentPaths.claim, { token: agent.token, body: claimBody(0) })).json);
    expect(next.job.key).toBe('other');
    expect((await t.call('POST', api.agentPath(api.agentPaths.complete, { id: next.jobId }), { token: next.jobToken, body: { attempt: next.attempt, leaseToken: next.leaseToken, status: 'success', exitCode: 0, outputs: {}, reason: null } })).status).toBe(200);
    const done = await t.build(build.id);
    expect(done.status).toBe('failure');
    expect(done.jobs.find((j) => j.key === 'deploy')).toMatchObject({ status: 'failure', attempt: 1 });
    const attempts = await t.store.db.selectFrom('job_attempts').select(['attempt', 'status', 'reason']).where('job_id', '=', deploy?.id ?? '').execute();
    expect(attempts).toEqual([{ attempt: 1, status: 'failure', reason: 'ERR_SECRET_DECRYPT_FAILED' }]);
  });
});
