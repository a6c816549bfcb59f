import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from '@ritmo/store/testing';
import { giteaHeaders, HOOK_SECRET } from '../hooks/testing/test-signing.js';
import { useTriggerTestServer } from '../hooks/testing/test-trigger-server.js';
import { startTestForge, type TestForge } from './testing/test-forge-server.js';

const PIPELINE = 'name: ci\non: { push: {} }\njobs:\n  build:\n    steps:\n      - run: echo hi\n';

describe.each(STORE_KINDS)('commit statuses of webhook builds (%s)', (kind) => {
  let forge: TestForge;
  beforeAll(async () => {
    forge = await startTestForge();
  });
  afterAll(() => forge.close());
  const t = useTriggerTestServer(kind, { env: { RITMO_PUBLIC_URL: 'https://ci.example.com', RITMO_OUTBOUND_ALLOW: '127.0.0.1/32' } });

  /** The real Gitea push payload, its repository moved to the local forge. */
  function push(): string {
    const payload = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'hooks', 'testdata', 'gitea', 'go-playground__push-event.json'), 'utf8')) as { repository: Record<string, unknown> };
    payload.repository = { ...payload.repository, full_name: 'acme/widgets', html_url: `${forge.url}/acme/widgets` };
    return JSON.stringify(payload);
  }

  it('reports pending when the build is created and the result when it ends, with the build URL and the project token', async () => {
    forge.calls.length = 0;
    const project = await t.project({ pipeline: PIPELINE });
    await t.secret(project, 'WEBHOOK_SECRET', HOOK_SECRET);
    await t.secret(project, 'FORGE_TOKEN', 'forge-token-1');
    const body = push();
    const res = await t.call('POST', `/api/v1/hooks/gitea/${project}`, { token: null, payload: body, headers: giteaHeaders('push', body) });
    expect(res.status, res.text).toBe(202);
    await t.app.ritmo.triggers.idle();
    const build = (await t.call('GET', `/api/v1/builds/${res.json.build.id}`)).json;
    await t.app.ritmo.orchestrator.startJob(build.jobs[0].id);
    await t.app.ritmo.orchestrator.finishJob(build.jobs[0].id, { attempt: 1, status: 'failure', exitCode: 1 });
    await t.app.ritmo.triggers.idle();

    const path = '/api/v1/repos/acme/widgets/statuses/67b56589a45103f891bdee7c0546e5d40bc02001';
    expect(forge.calls.map((c) => [c.method, c.path, (c.body as { state: string }).state])).toEqual([
      ['POST', path, 'pending'],
      ['POST', path, 'failure'],
    ]);
    expect(forge.calls[1]?.headers.authorization).toBe('token forge-token-1');
    expect(forge.calls[1]?.body).toEqual({ state: 'failure', context: 'ritmo/ci', description: expect.stringMatching(/^build #1 failed/), target_url: `https://ci.example.com/projects/${project}/builds/1` });
  });

  it('reports nothing without a token, and a forge that refuses does not fail the build', async () => {
    forge.calls.length = 0;
    const project = await t.project({ pipeline: PIPELINE });
    await t.secret(project, 'WEBHOOK_SECRET', HOOK_SECRET);
    const body = push();
    const first = await t.call('POST', `/api/v1/hooks/gitea/${project}`, { token: null, payload: body, headers: giteaHeaders('push', body) });
    await t.app.ritmo.triggers.idle();
    expect(forge.calls).toHaveLength(0);
    await t.secret(project, 'GIT_TOKEN', 'git-token-2');
    forge.answer(500, 'boom');
    try {
      const again = await t.call('POST', `/api/v1/deliveries/${first.json.delivery}/redeliver`, { body: {} });
      await t.app.ritmo.triggers.idle();
      expect(forge.calls.map((c) => c.headers.authorization)).toEqual(['token git-token-2']);
      expect((await t.call('GET', `/api/v1/builds/${again.json.build.id}`)).json.status).toBe('queued');
    } finally {
      forge.answer(201);
    }
  });
});
