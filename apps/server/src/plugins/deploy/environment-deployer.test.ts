import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from '@ritmo/store/testing';
import { useTestServer } from '../../testing/test-server.js';
import { startTestReceiver, type TestReceiver } from '../testing/test-receiver.js';
import { SIGNATURE_HEADER } from '../deployers/webhook-deployer.js';

const PIPELINE = 'name: cd\non: { manual: {} }\njobs:\n  deploy:\n    environment: { name: staging }\n    steps:\n      - run: ./deploy.sh\n';

describe.each(STORE_KINDS)('an environment that names a deployer plugin (%s)', (kind) => {
  let receiver: TestReceiver;
  beforeAll(async () => {
    receiver = await startTestReceiver();
  });
  afterAll(() => receiver.close());
  const t = useTestServer(kind, { env: { RITMO_PUBLIC_URL: 'https://ci.example.com', RITMO_OUTBOUND_ALLOW: '127.0.0.1/32' } });

  it('runs the deployer when the deploy job starts, with the secret read from the project', async () => {
    receiver.calls.length = 0;
    const project = (await t.call('POST', '/api/v1/projects', { body: { name: `cd-${kind}`, pipeline: PIPELINE } })).json;
    expect((await t.call('PUT', `/api/v1/projects/${project.name}/secrets/DEPLOY_HOOK_SECRET`, { body: { value: 'hook-key' } })).status).toBe(200);
    const deployers = { staging: { plugin: 'deploy-webhook', with: { url: `${receiver.url}/deploy` }, secrets: { secret: 'DEPLOY_HOOK_SECRET' } } };
    const stored = await t.store.projects.getProject(project.id);
    await t.store.projects.updateProject(project.id, { settings: { ...stored.settings, deployers } });

    const build = (await t.call('POST', `/api/v1/projects/${project.name}/builds`, { body: {} })).json;
    await t.app.ritmo.plugins.idle();
    expect(receiver.calls).toHaveLength(0);
    await t.app.ritmo.orchestrator.startJob(build.jobs[0].id);
    await t.app.ritmo.plugins.idle();

    expect(receiver.calls).toHaveLength(1);
    const [call] = receiver.calls;
    expect(call?.headers[SIGNATURE_HEADER]).toBe(`sha256=${createHmac('sha256', 'hook-key').update(call?.raw ?? '').digest('hex')}`);
    const deployment = await t.store.deployments.findJobDeployment(build.jobs[0].id);
    expect(JSON.parse(call?.raw ?? '')).toMatchObject({
      event: 'deploy',
      project: project.name,
      environment: { name: 'staging' },
      deployment: deployment?.id,
      build: { id: build.id, number: build.number, url: `https://ci.example.com/projects/${project.name}/builds/${build.number}` },
    });
  });
});
