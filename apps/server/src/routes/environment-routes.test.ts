import { describe, expect, it } from 'vitest';
import type * as api from '@ritmo/protocol';
import { STORE_KINDS } from '@ritmo/store/testing';
import { claim, complete, runNext } from '../artifacts/testing/test-delivery.js';
import { createUser } from '../artifacts/testing/test-users.js';
import { useAgentTestServer } from '../agent-api/testing/test-agent-server.js';

const PIPELINE = `
jobs:
  build:
    runs-on: [cd]
    steps: [{ run: make }]
    artifacts: { name: dist, paths: ["dist/**"] }
  test:
    needs: [build]
    runs-on: [cd]
    steps: [{ run: make test }]
  deploy-staging:
    needs: [test]
    runs-on: [cd]
    environment: { name: staging, url: "https://staging.example.com" }
    steps: [{ run: ./deploy staging }]
  deploy-prod:
    needs: [deploy-staging]
    runs-on: [cd]
    environment: prod
    steps: [{ run: ./deploy prod }]
`;

const dist = (version: string) => ({ dist: [{ name: 'dist/version.txt', content: version }] });

describe.each(STORE_KINDS)('environments and deployments (%s)', (kind) => {
  const t = useAgentTestServer(kind);

  it('deploys staging at once, holds prod for its reviewers, records every deployment, and rolls back in one action', async () => {
    const agent = await t.register(['cd']);
    const first = await t.trigger(PIPELINE);
    const project = (await t.store.projects.getProject(first.projectId)).name;
    const ann = await createUser(t, 'ann', first.projectId, 'developer');
    const bob = await createUser(t, 'bob', first.projectId, 'developer');
    const carl = await createUser(t, 'carl', first.projectId, 'maintainer');
    const env = (name: string) => `/api/v1/projects/${project}/environments/${name}`;
    const put = await t.call('PUT', env('prod'), { body: { url: 'https://example.com', protection: { reviewers: ['ann', 'bob'], requiredApprovals: 2 } } });
    expect(put.json).toMatchObject({ name: 'prod', url: 'https://example.com', protection: { reviewers: ['ann', 'bob'], requiredApprovals: 2, allowedBranches: [], waitTimerMs: 0 }, current: null });
    expect((await t.call('PUT', env('prod'), { token: ann.token, body: {} })).status).toBe(403);
    expect((await t.call('PUT', env('x'), { body: { protection: { reviewers: ['nobody'] } } })).json.error).toBe('ERR_DEPLOY_ENVIRONMENT_INVALID');

    /** Runs build, test and deploy-staging of the latest build; returns prod's waiting deployment. */
    const throughStaging = async (version: string): Promise<api.Deployment> => {
      await runNext(t, agent.token, dist(version));
      await runNext(t, agent.token);
      await runNext(t, agent.token);
      const waiting = (await t.call('GET', `${env('prod')}/deployments`)).json.items[0] as api.Deployment;
      expect(waiting).toMatchObject({ status: 'pending', canApprove: ['ann', 'bob'] });
      return waiting;
    };
    const approveAll = async (deployment: api.Deployment) => {
      expect((await t.call('POST', `/api/v1/deployments/${deployment.id}/approve`, { token: ann.token })).json.approvals).toHaveLength(1);
      expect((await t.call('POST', `/api/v1/deployments/${deployment.id}/approve`, { token: bob.token })).status).toBe(200);
    };

    const pending1 = await throughStaging('1.0.0');
    const staging = (await t.call('GET', env('staging'))).json as api.Environment;
    const digest1 = staging.current?.digest;
    expect(staging).toMatchObject({ url: 'https://staging.example.com', current: { status: 'success', buildNumber: first.number, digest: expect.stringMatching(/^sha256:/) } });
    expect(staging.current?.startedAt).not.toBeNull();
    const prodJob = (await t.build(first.id)).jobs.find((j) => j.key === 'deploy-prod');
    expect(prodJob).toMatchObject({ status: 'waiting', reason: 'environment prod: waiting for approval by ann or bob (0 of 2)' });
    expect(pending1).toMatchObject({ digest: digest1, buildId: first.id, jobId: prodJob?.id, reason: prodJob?.reason });

    // Not a reviewer: refused, whatever the role. A reviewer's second approval does not count twice.
    expect((await t.call('POST', `/api/v1/jobs/${prodJob?.id}/approve`, { token: carl.token })).json).toMatchObject({ error: 'ERR_DEPLOY_NOT_A_REVIEWER', details: { reviewers: ['ann', 'bob'] } });
    expect((await t.call('POST', `/api/v1/deployments/${pending1.id}/approve`, { token: ann.token })).json.reason).toBe('environment prod: waiting for approval by ann or bob (1 of 2)');
    expect((await t.call('POST', `/api/v1/deployments/${pending1.id}/approve`, { token: ann.token })).json.error).toBe('ERR_DEPLOY_ALREADY_APPROVED');
    expect((await t.build(first.id)).jobs.find((j) => j.key === 'deploy-prod')?.status).toBe('waiting');
    await t.call('POST', `/api/v1/deployments/${pending1.id}/approve`, { token: bob.token });
    expect((await t.build(first.id)).jobs.find((j) => j.key === 'deploy-prod')?.status).toBe('queued');
    await runNext(t, agent.token);
    const deployed1 = (await t.call('GET', `/api/v1/deployments/${pending1.id}`)).json as api.Deployment;
    expect(deployed1).toMatchObject({ status: 'success', digest: digest1, approvals: [{ username: 'ann' }, { username: 'bob' }], canApprove: [] });
    expect((await t.build(first.id)).status).toBe('success');

    // A second build with another artifact goes the same way.
    await t.call('POST', `/api/v1/projects/${project}/builds`, { body: {} });
    const pending2 = await throughStaging('2.0.0');
    await approveAll(pending2);
    await runNext(t, agent.token);
    const prod2 = (await t.call('GET', env('prod'))).json as api.Environment;
    expect(prod2.current?.id).toBe(pending2.id);
    expect(prod2.current?.digest).not.toBe(digest1);

    // Rollback: the previous successful deployment's artifact, through its own deploy job, nothing rebuilt.
    const rollback = await t.call('POST', `${env('prod')}/rollback`, { token: ann.token });
    expect(rollback.status).toBe(201);
    expect(rollback.json).toMatchObject({ digest: digest1, rollbackOf: pending2.id });
    const rb = await t.build(rollback.json.buildId);
    expect(rb.jobs.map((j) => [j.key, j.status, j.reason])).toEqual([
      ['build', 'success', `reused from build #${first.number}`],
      ['test', 'success', `reused from build #${first.number}`],
      ['deploy-staging', 'success', `reused from build #${first.number}`],
      ['deploy-prod', 'waiting', 'environment prod: waiting for approval by ann or bob (1 of 2)'],
    ]);
    const pending3 = (await t.call('GET', `${env('prod')}/deployments`)).json.items[0] as api.Deployment;
    expect(pending3).toMatchObject({ status: 'pending', rollbackOf: pending2.id, digest: digest1, actor: 'ann', approvals: [{ username: 'ann' }] });
    await t.call('POST', `/api/v1/deployments/${pending3.id}/approve`, { token: bob.token });
    const p = await claim(t, agent.token);
    expect(p.job.id).toBe('deploy-prod');
    await complete(t, p);
    const history = (await t.call('GET', `${env('prod')}/deployments`)).json.items as api.Deployment[];
    expect(history.map((d) => [d.status, d.digest === digest1])).toEqual([
      ['success', true],
      ['rolled_back', false],
      ['success', true],
    ]);
    expect((await t.call('GET', env('prod'))).json.current.id).toBe(pending3.id);
    expect((await t.call('POST', `${env('prod')}/rollback`)).json.error).toBe('ERR_DEPLOY_NOTHING_TO_ROLL_BACK');
    expect((await t.call('POST', `${env('staging')}/rollback`, { token: (await createUser(t, 'vera', first.projectId, 'viewer')).token })).status).toBe(403);

    // Deploy an artifact by digest: staging runs build 1's deploy job again with it.
    const deploy = await t.call('POST', `${env('staging')}/deployments`, { body: { digest: digest1 } });
    expect(deploy.status).toBe(201);
    await runNext(t, agent.token);
    expect((await t.call('GET', env('staging'))).json.current).toMatchObject({ digest: digest1, buildId: deploy.json.buildId });
    expect((await t.call('POST', `${env('nowhere')}/deployments`, { body: { digest: digest1 } })).json.error).toBe('ERR_DEPLOY_NO_DEPLOY_JOB');
    expect((await t.call('GET', '/api/v1/audit?limit=200')).json.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['deployment.approve', 'deployment.rollback', 'deployment.create']));
  });

  it('fails a deployment from a branch the environment does not allow, and starts a protected one after its wait timer', async () => {
    const agent = await t.register(['cd']);
    const first = await t.trigger(PIPELINE);
    const project = (await t.store.projects.getProject(first.projectId)).name;
    const env = (name: string) => `/api/v1/projects/${project}/environments/${name}`;
    await t.call('PUT', env('staging'), { body: { protection: { allowedBranches: ['main', 'release/*'], waitTimerMs: 60_000 } } });
    await runNext(t, agent.token, dist('1'));
    await runNext(t, agent.token);
    const job = (await t.build(first.id)).jobs.find((j) => j.key === 'deploy-staging');
    expect(job).toMatchObject({ status: 'waiting', reason: expect.stringMatching(/^environment staging: wait timer until /) });
    const delivery = t.apps[0]!.ritmo.delivery;
    expect((await delivery.sweep()).releasedDeployments).toBe(0);
    t.clock.advance(61_000);
    expect((await delivery.sweep()).releasedDeployments).toBe(1);
    expect((await t.build(first.id)).jobs.find((j) => j.key === 'deploy-staging')?.status).toBe('queued');
    await runNext(t, agent.token);
    await t.call('POST', `/api/v1/builds/${first.id}/cancel`, { body: {} });

    const feature = await t.call('POST', `/api/v1/projects/${project}/builds`, { body: { ref: 'feature' } });
    await runNext(t, agent.token, dist('2'));
    await runNext(t, agent.token);
    const failed = await t.build(feature.json.id);
    expect(failed.jobs.find((j) => j.key === 'deploy-staging')).toMatchObject({ status: 'failure', reason: 'environment staging accepts deployments from main, release/* only, not feature' });
    expect(failed.jobs.find((j) => j.key === 'deploy-prod')?.status).toBe('skipped');
    expect(failed.status).toBe('failure');
  });
});
