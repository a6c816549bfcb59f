import { describe, expect, it } from 'vitest';
import * as api from '@ritmo/protocol';
import { STORE_KINDS } from '@ritmo/store/testing';
import { runNext, sha256 } from '../artifacts/testing/test-delivery.js';
import { createUser } from '../artifacts/testing/test-users.js';
import { useAgentTestServer } from '../agent-api/testing/test-agent-server.js';

const PIPELINE = 'jobs:\n  build:\n    runs-on: [dl]\n    steps: [{ run: make }]\n    artifacts: { name: site, paths: ["public/**"], expire-in: 1h }\n';

describe.each(STORE_KINDS)('artifact routes (%s)', (kind) => {
  const t = useAgentTestServer(kind);

  it('lists, describes and downloads artifacts (archive or one file), deletes them, and sweeps expired ones', async () => {
    const agent = await t.register(['dl']);
    const build = await t.trigger(PIPELINE);
    const viewer = await createUser(t, 'val', build.projectId, 'viewer');
    const developer = await createUser(t, 'dev', build.projectId, 'developer');
    await runNext(t, agent.token, { site: [{ name: 'public/index.html', content: '<h1>hi</h1>' }, { name: 'public/latest.html', type: '1', linkname: 'public/index.html' }] });
    const project = (await t.store.projects.getProject(build.projectId)).name;

    const listed = await t.call('GET', `/api/v1/projects/${project}/artifacts`, { token: viewer.token });
    expect(listed.json.items).toEqual([expect.objectContaining({ name: 'site', buildId: build.id, fileCount: 2, promotionLevel: null })]);
    const artifact = listed.json.items[0] as api.Artifact;
    expect((await t.call('GET', `/api/v1/projects/${project}/artifacts?digest=${artifact.digest}`)).json.items).toHaveLength(1);
    expect((await t.call('GET', `/api/v1/projects/${project}/artifacts?name=other`)).json.items).toHaveLength(0);
    const detail = (await t.call('GET', `/api/v1/artifacts/${artifact.id}`, { token: viewer.token })).json as api.ArtifactDetail;
    expect(detail.files).toEqual([
      { path: 'public/index.html', type: 'file', size: 11, digest: sha256(Buffer.from('<h1>hi</h1>')) },
      { path: 'public/latest.html', type: 'link', size: 0, digest: null, target: 'public/index.html' },
    ]);

    const archive = await t.apps[0]!.inject({ method: 'GET', url: `/api/v1/artifacts/${artifact.id}/archive`, headers: { authorization: `Bearer ${viewer.token}` } });
    expect(archive.statusCode).toBe(200);
    expect(archive.headers['content-type']).toBe('application/gzip');
    expect(archive.headers['content-disposition']).toBe('attachment; filename="site.tar.gz"');
    expect(sha256(archive.rawPayload)).toBe(artifact.digest);
    const file = await t.apps[0]!.inject({ method: 'GET', url: `/api/v1/artifacts/${artifact.id}/file?path=public/latest.html`, headers: { authorization: `Bearer ${viewer.token}` } });
    expect(file.body).toBe('<h1>hi</h1>');
    expect(file.headers[api.DIGEST_HEADER]).toBe(sha256(Buffer.from('<h1>hi</h1>')));
    expect((await t.call('GET', `/api/v1/artifacts/${artifact.id}/file?path=../../etc/passwd`)).json.error).toBe('ERR_ARTIFACT_FILE_NOT_FOUND');
    const outsider = await t.call('GET', `/api/v1/artifacts/${artifact.id}`, { token: (await createUser(t, 'out', (await t.store.projects.createProject({ name: `elsewhere-${kind}` })).id, 'admin')).token });
    expect(outsider.status).toBe(403);
    expect((await t.call('DELETE', `/api/v1/artifacts/${artifact.id}`, { token: developer.token })).status).toBe(403);

    // Expiry: after an hour the sweeper removes it, record and blob.
    const blobs = t.apps[0]!.ritmo.delivery.artifacts.blobs;
    const row = await t.store.artifacts.getArtifact(artifact.id);
    expect(await blobs.stat(row.blobKey)).toEqual({ size: artifact.size });
    expect((await t.apps[0]!.ritmo.delivery.sweep()).deletedArtifacts).toBe(0);
    t.clock.advance(3_600_001);
    expect((await t.apps[0]!.ritmo.delivery.sweep()).deletedArtifacts).toBeGreaterThanOrEqual(1);
    expect(await t.store.artifacts.findArtifact(artifact.id)).toBeUndefined();
    expect(await blobs.stat(row.blobKey)).toBeUndefined();
    expect((await t.call('GET', `/api/v1/artifacts/${artifact.id}`)).json.error).toBe('ERR_ARTIFACT_NOT_FOUND');
  });

  it('keeps promoted artifacts past their expiry, and deletes on request', async () => {
    const agent = await t.register(['dl']);
    const build = await t.trigger(PIPELINE);
    await runNext(t, agent.token, { site: [{ name: 'public/a', content: 'a' }] });
    const artifact = (await t.store.artifacts.listArtifacts({ buildId: build.id })).items[0]!;
    await t.store.artifacts.setPromotionLevel(build.projectId, artifact.digest, 'dev');
    t.clock.advance(3_600_001);
    await t.apps[0]!.ritmo.delivery.sweep();
    expect((await t.store.artifacts.getArtifact(artifact.id)).expiresAt).toBeGreaterThan(t.clock.now());
    expect((await t.call('DELETE', `/api/v1/artifacts/${artifact.id}`)).status).toBe(204);
    expect(await t.store.artifacts.findArtifact(artifact.id)).toBeUndefined();
  });
});
