import { createRitmoClient, type RitmoClient } from '../create-ritmo-client.js';
import { startTestHttpServer, type TestHttpServer } from './test-http-server.js';

export interface RecordingServer {
  server: TestHttpServer;
  /** `METHOD path body` of every request, in order. */
  seen: string[];
  client: RitmoClient;
}

/**
 * A loopback server that records each request and answers `{ ok: true }`, or a 409
 * `ERR_DEPLOY_APPROVALS_MISSING` envelope for paths starting with one of `refuse`. Close `server` after.
 */
export async function startRecordingServer(refuse: string[] = []): Promise<RecordingServer> {
  const seen: string[] = [];
  const server = await startTestHttpServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url}${body ? ` ${body}` : ''}`);
      const refused = refuse.some((p) => req.url?.startsWith(p));
      res.writeHead(refused ? 409 : 200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          refused
            ? { error: 'ERR_DEPLOY_APPROVALS_MISSING', message: 'needs 2 approvals', details: null, suggestions: [], timestamp: '2026-01-01T00:00:00.000Z' }
            : { ok: true },
        ),
      );
    });
  });
  return { server, seen, client: createRitmoClient({ baseUrl: server.url }) };
}
