import { describe, expect, it } from 'vitest';
import { STORE_KINDS } from '@ritmo/store/testing';
import { useTestServer } from '../testing/test-server.js';

const PIPELINE = 'name: ci\non: { manual: {} }\njobs:\n  build:\n    steps:\n      - run: echo hi\n';

describe.each(STORE_KINDS)('GET /api/v1/projects/{project}/badge.svg (%s)', (kind) => {
  const t = useTestServer(kind);

  async function finishedBuild(project: string, status: 'success' | 'failure'): Promise<void> {
    const build = (await t.call('POST', `/api/v1/projects/${project}/builds`, { body: {} })).json;
    const jobId = build.jobs[0].id as string;
    await t.app.ritmo.orchestrator.startJob(jobId);
    await t.app.ritmo.orchestrator.finishJob(jobId, { attempt: 1, status, exitCode: status === 'success' ? 0 : 1 });
  }

  it('shows the latest finished build of the branch, and unknown before any', async () => {
    const created = await t.call('POST', '/api/v1/projects', { body: { name: `badge-${kind}`, pipeline: PIPELINE } });
    expect(created.status, created.text).toBe(201);
    const url = `/api/v1/projects/badge-${kind}/badge.svg`;
    const none = await t.call('GET', url);
    expect(none.status, none.text).toBe(200);
    expect(none.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(none.text).toContain('build: unknown');
    await finishedBuild(`badge-${kind}`, 'success');
    expect((await t.call('GET', url)).text).toContain('build: passing');
    await finishedBuild(`badge-${kind}`, 'failure');
    // A build still queued does not count: the badge shows the last one that finished.
    await t.call('POST', `/api/v1/projects/badge-${kind}/builds`, { body: {} });
    const failing = await t.call('GET', `${url}?branch=main&label=ci`);
    expect(failing.text).toContain('ci: failing');
    expect(failing.text).toContain('#cf222e');
    expect((await t.call('GET', `${url}?branch=other`)).text).toContain('build: unknown');
  });

  it('needs credentials unless the project makes its badge public', async () => {
    const created = await t.call('POST', '/api/v1/projects', { body: { name: `private-${kind}`, pipeline: PIPELINE } });
    const url = `/api/v1/projects/private-${kind}/badge.svg`;
    expect((await t.call('GET', url, { token: null })).json).toMatchObject({ error: 'ERR_AUTH_UNAUTHENTICATED' });
    const stranger = await t.createUser(`stranger-${kind}`);
    expect((await t.call('GET', url, { token: stranger.token })).status).toBe(403);
    await t.store.projects.updateProject(created.json.id, { settings: { badge: { public: true } } });
    const open = await t.call('GET', url, { token: null });
    expect(open.status).toBe(200);
    expect(open.text).toMatch(/^<svg /);
  });
});
