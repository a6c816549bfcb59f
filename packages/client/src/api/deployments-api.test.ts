import { afterEach, describe, expect, it } from 'vitest';
import { createRitmoClient } from '../create-ritmo-client.js';
import { startTestHttpServer, type TestHttpServer } from '../testing/test-http-server.js';

let server: TestHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const digest = `sha256:${'a'.repeat(64)}`;

/** A server that records `METHOD path body` and answers `{ ok: true }`, or a refusal for `refuse` paths. */
async function recordingServer(refuse: string[] = []) {
  const seen: string[] = [];
  server = await startTestHttpServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url}${body ? ` ${body}` : ''}`);
      const refused = refuse.some((p) => req.url?.startsWith(p));
      res.writeHead(refused ? 409 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(refused ? { error: 'ERR_DEPLOY_APPROVALS_MISSING', message: 'needs 2 approvals', details: null, suggestions: [], timestamp: '2026-01-01T00:00:00.000Z' } : { ok: true }));
    });
  });
  return { seen, client: createRitmoClient({ baseUrl: server.url }) };
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
