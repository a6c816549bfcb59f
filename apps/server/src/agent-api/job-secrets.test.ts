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
  });
});
