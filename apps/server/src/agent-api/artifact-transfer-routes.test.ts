import { describe, expect, it } from 'vitest';
import * as api from '@ritmo/protocol';
import { hostileArchives, tarGz } from '@ritmo/protocol/testing';
import { STORE_KINDS } from '@ritmo/store/testing';
import { Readable } from 'node:stream';
import { storeArtifact } from '../artifacts/store-artifact.js';
import { claim, complete, download, sha256, upload } from '../artifacts/testing/test-delivery.js';
import { useAgentTestServer } from './testing/test-agent-server.js';

const PIPELINE = `
jobs:
  build:
    runs-on: [art]
    steps: [{ run: make }]
    artifacts: { name: dist, paths: ["dist/**"], expire-in: 7d }
  test:
    needs: [build]
    runs-on: [art]
    steps: [{ run: make test }]
    artifacts: { name: report, paths: [report.xml] }
  package:
    needs: [test]
    runs-on: [art]
    steps: [{ run: make package }]
`;

describe.each(STORE_KINDS)('artifact transfers (%s)', (kind) => {
  const t = useAgentTestServer(kind);

  it('stores an upload checked against its digest, and hands it to the jobs that need it, directly or not', async () => {
    const agent = await t.register(['art']);
    const build = await t.trigger(PIPELINE);
    const a = await claim(t, agent.token);
    const archive = tarGz([{ name: 'dist/app.js', content: 'app' }, { name: 'dist/version.txt', content: '1.0.0' }]);

    const wrongDigest = await upload(t, a, 'dist', archive, `sha256:${'0'.repeat(64)}`);
    expect(wrongDigest.json).toMatchObject({ error: 'ERR_ARTIFACT_DIGEST_MISMATCH' });
    expect((await upload(t, a, 'other', archive)).json).toMatchObject({ error: 'ERR_ARTIFACT_NOT_DECLARED' });
    const badToken = await t.apps[0]!.inject({ method: 'POST', url: `${api.agentPath(api.transferPaths.uploadArtifact, { id: a.jobId })}?attempt=1&leaseToken=${a.leaseToken}&name=dist&digest=${sha256(archive)}`, headers: { authorization: 'Bearer ritmojob_forged', 'content-type': 'application/gzip' }, payload: archive });
    expect(badToken.statusCode).toBe(401);

    const stored = await upload(t, a, 'dist', archive);
    expect(stored.status).toBe(201);
    expect(stored.json).toMatchObject({ name: 'dist', digest: sha256(archive), size: archive.length, fileCount: 2 });
    expect((await upload(t, a, 'dist', archive)).json.id).toBe(stored.json.id);
    const row = await t.store.artifacts.getArtifact(stored.json.id);
    expect(row.expiresAt).toBe(row.createdAt + 7 * 24 * 3600 * 1000);
    expect(row.files.map((f) => f.path)).toEqual(['dist/app.js', 'dist/version.txt']);
    expect(row.blobKey).toBe(`artifacts/${build.projectId}/${row.id}`);
    expect((await complete(t, a)).status).toBe(200);

    const b = await claim(t, agent.token);
    const needed = await t.call('POST', api.agentPath(api.transferPaths.neededArtifacts, { id: b.jobId }), { token: b.jobToken, body: { attempt: b.attempt, leaseToken: b.leaseToken } });
    expect(needed.json).toEqual({ artifacts: [{ id: row.id, name: 'dist', digest: row.digest, size: row.size, job: 'build' }] });
    const got = await download(t, b, api.agentPath(api.transferPaths.artifact, { id: b.jobId, artifactId: row.id }));
    expect(got.status).toBe(200);
    expect(got.headers[api.DIGEST_HEADER]).toBe(row.digest);
    expect(sha256(got.body)).toBe(row.digest);
    const report = await upload(t, b, 'report', tarGz([{ name: 'report.xml', content: '<testsuite/>' }]));
    expect(report.status).toBe(201);
    await complete(t, b);

    // package needs test, which needs build: it gets both, farthest first.
    const c = await claim(t, agent.token);
    const forC = await t.call('POST', api.agentPath(api.transferPaths.neededArtifacts, { id: c.jobId }), { token: c.jobToken, body: { attempt: c.attempt, leaseToken: c.leaseToken } });
    expect(forC.json.artifacts.map((x: api.NeededArtifact) => [x.job, x.name])).toEqual([['build', 'dist'], ['test', 'report']]);
    await complete(t, c);
    // Once the job ended its lease is gone: no more downloads.
    expect((await download(t, c, api.agentPath(api.transferPaths.artifact, { id: c.jobId, artifactId: row.id }))).status).toBe(409);
  });

  it('refuses hostile archives and keeps nothing of them', async () => {
    const agent = await t.register(['art']);
    await t.trigger(PIPELINE);
    const a = await claim(t, agent.token);
    for (const hostile of hostileArchives()) {
      const res = await upload(t, a, 'dist', hostile.archive());
      expect(res.json?.error, hostile.name).toBe(hostile.code);
    }
    expect((await t.store.artifacts.listJobArtifacts([a.jobId])).length).toBe(0);
    const other = await upload(t, a, 'dist', tarGz([{ name: 'x', content: 'y' }]));
    expect(other.status).toBe(201);
    // A job may only download its needs' artifacts.
    const own = await download(t, a, api.agentPath(api.transferPaths.artifact, { id: a.jobId, artifactId: other.json.id }));
    expect(own.json).toMatchObject({ error: 'ERR_ARTIFACT_NOT_AVAILABLE' });
  });

  it('refuses an artifact that would take the project past its quota', async () => {
    const agent = await t.register(['art']);
    const build = await t.trigger(PIPELINE);
    const a = await claim(t, agent.token);
    const archive = tarGz([{ name: 'dist/big.bin', content: Buffer.alloc(4096, 7) }]);
    const artifacts = t.apps[0]!.ritmo.delivery.artifacts;
    const upload = {
      build: await t.store.builds.getBuild(build.id),
      job: await t.store.jobs.getJob(a.jobId),
      name: 'dist',
      digest: sha256(archive),
      contentLength: undefined,
    };
    const small = { ...artifacts, config: { ...artifacts.config, artifactQuotaBytes: archive.length - 1 } };
    await expect(storeArtifact(small, { ...upload, body: Readable.from([archive]) })).rejects.toMatchObject({ code: 'ERR_ARTIFACT_QUOTA_EXCEEDED', details: { used: 0, adding: archive.length } });
    await expect(storeArtifact(small, { ...upload, body: Readable.from([archive]), contentLength: archive.length })).rejects.toMatchObject({ code: 'ERR_ARTIFACT_QUOTA_EXCEEDED' });
    expect(await t.store.artifacts.sumArtifactBytes(build.projectId)).toBe(0);
    expect((await storeArtifact(artifacts, { ...upload, body: Readable.from([archive]) })).size).toBe(archive.length);
  });
});
