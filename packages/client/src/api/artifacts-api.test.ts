import { afterEach, describe, expect, it } from 'vitest';
import { isRitmoApiError } from '../ritmo-api-error.js';
import { startRecordingServer } from '../testing/test-recording-server.js';
import type { TestHttpServer } from '../testing/test-http-server.js';

let server: TestHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const digest = `sha256:${'a'.repeat(64)}`;

async function recordingServer(refuse: string[] = []) {
  const recording = await startRecordingServer(refuse);
  server = recording.server;
  return recording;
}

describe('the artifacts group', () => {
  it('reach the artifact and promotion routes', async () => {
    const { seen, client } = await recordingServer();
    await client.artifacts.list('my app', { build: 'b_1', limit: 10 });
    await client.artifacts.listForBuild('b_1');
    await client.artifacts.get('a_1');
    await client.artifacts.delivery('web');
    await client.artifacts.listPromotions('web', { digest });
    await client.artifacts.promote('web', { digest, to: 'staging' });
    await client.artifacts.approvePromotion('web', { digest, to: 'prod' });
    expect(seen).toEqual([
      'GET /api/v1/projects/my%20app/artifacts?build=b_1&limit=10',
      'GET /api/v1/builds/b_1/artifacts',
      'GET /api/v1/artifacts/a_1',
      'GET /api/v1/projects/web/delivery',
      `GET /api/v1/projects/web/promotions?digest=${encodeURIComponent(digest)}`,
      `POST /api/v1/projects/web/promotions {"digest":"${digest}","to":"staging"}`,
      `POST /api/v1/projects/web/promotions/approvals {"digest":"${digest}","to":"prod"}`,
    ]);
    expect(client.artifacts.archiveUrl('a_1')).toBe(`${server!.url}/api/v1/artifacts/a_1/archive`);
    expect(client.artifacts.fileUrl('a_1', 'dist/app.js')).toBe(`${server!.url}/api/v1/artifacts/a_1/file?path=dist%2Fapp.js`);
  });

  it('throws the server’s error code when a promotion is refused', async () => {
    const { client } = await recordingServer(['/api/v1/projects/web/promotions']);
    const error: unknown = await client.artifacts.promote('web', { digest, to: 'prod' }).catch((e: unknown) => e);
    expect(isRitmoApiError(error) && error.code).toBe('ERR_DEPLOY_APPROVALS_MISSING');
  });
});
