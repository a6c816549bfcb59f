import { afterEach, describe, expect, it } from 'vitest';
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

describe('the deployments group', () => {
  it('reach the environment and deployment routes', async () => {
    const { seen, client } = await recordingServer();
    await client.deployments.environments('web');
    await client.deployments.list('web', 'prod', { limit: 20 });
    await client.deployments.get('d_1');
    await client.deployments.deploy('web', 'prod', digest);
    await client.deployments.rollback('web', 'prod');
    await client.deployments.approve('d_1');
    expect(seen).toEqual([
      'GET /api/v1/projects/web/environments',
      'GET /api/v1/projects/web/environments/prod/deployments?limit=20',
      'GET /api/v1/deployments/d_1',
      `POST /api/v1/projects/web/environments/prod/deployments {"digest":"${digest}"}`,
      'POST /api/v1/projects/web/environments/prod/rollback',
      'POST /api/v1/deployments/d_1/approve',
    ]);
  });
});
