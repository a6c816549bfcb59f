import { afterAll, describe, expect, it } from 'vitest';
import * as api from '@ritmo/protocol';
import { tarGz } from '@ritmo/protocol/testing';
import { sha256 } from '../artifacts/testing/test-delivery.js';
import { useTestServer } from '../testing/test-server.js';
import { startTestS3 } from './test-s3rver.js';

const s3 = await startTestS3('ritmo-artifacts');
afterAll(() => s3.stop());

describe('artifacts in an S3-compatible bucket (s3rver on loopback)', () => {
  const t = useTestServer('sqlite', {
    env: { RITMO_BLOB_STORE: 's3', RITMO_S3_BUCKET: s3.bucket, RITMO_S3_ENDPOINT: s3.endpoint, RITMO_S3_PREFIX: 'ci/', RITMO_S3_ACCESS_KEY_ID: 'S3RVER', RITMO_S3_SECRET_ACCESS_KEY: 'S3RVER' },
  });

  it('stores an uploaded artifact as an object and serves it back byte for byte', async () => {
    expect(t.app.ritmo.delivery.artifacts.blobs.kind).toBe('s3');
    const pipeline = 'jobs:\n  build:\n    runs-on: [s3]\n    steps: [{ run: make }]\n    artifacts: { name: dist, paths: ["dist/**"] }\n';
    await t.call('POST', '/api/v1/projects', { body: { name: 's3-app', pipeline } });
    const build = (await t.call('POST', '/api/v1/projects/s3-app/builds', { body: {} })).json;
    const reg = (await t.call('POST', '/api/v1/agent-tokens', { body: { name: 's3' } })).json.token as string;
    const agent = (await t.call('POST', api.agentPaths.register, { token: reg, body: { name: 's3-agent', labels: ['s3'], capacity: 1, version: '0.1.0', executor: 'dummy', ephemeral: false } })).json;
    const p = api.JobPayload.parse((await t.call('POST', api.agentPaths.claim, { token: agent.token, body: { requestId: 'req_s3_artifacts_1', slots: 1, waitMs: 0 } })).json);

    const archive = tarGz([{ name: 'dist/app.js', content: 'in the bucket' }]);
    const query = new URLSearchParams({ attempt: String(p.attempt), leaseToken: p.leaseToken, name: 'dist', digest: sha256(archive) });
    const up = await t.app.inject({ method: 'POST', url: `${api.agentPath(api.transferPaths.uploadArtifact, { id: p.jobId })}?${query}`, headers: { authorization: `Bearer ${p.jobToken}`, 'content-type': 'application/gzip' }, payload: archive });
    expect(up.statusCode).toBe(201);
    const artifact = await t.store.artifacts.getArtifact(JSON.parse(up.body).id);
    expect(await t.app.ritmo.delivery.artifacts.blobs.stat(artifact.blobKey)).toEqual({ size: archive.length });

    const reader = { authorization: `Bearer ${(await t.createUser('s3-reader', { admin: true })).token}` };
    const raw = await t.app.inject({ method: 'GET', url: `/api/v1/artifacts/${artifact.id}/archive`, headers: reader });
    expect(sha256(raw.rawPayload)).toBe(artifact.digest);
    const file = await t.app.inject({ method: 'GET', url: `/api/v1/artifacts/${artifact.id}/file?path=dist/app.js`, headers: reader });
    expect(file.body).toBe('in the bucket');
    expect(build.id).toBe(artifact.buildId);
  });
});
