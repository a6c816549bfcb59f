import { afterEach, describe, expect, it } from 'vitest';
import { createRitmoClient } from '../create-ritmo-client.js';
import { isRitmoApiError } from '../ritmo-api-error.js';
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
