import { afterEach, describe, expect, it } from 'vitest';
import { createRitmoClient } from './create-ritmo-client.js';
import { isRitmoApiError, RitmoApiError } from './ritmo-api-error.js';
import { startTestHttpServer, type TestHttpServer } from './testing/test-http-server.js';

let server: TestHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const envelope = { error: 'ERR_API_PROJECT_EXISTS', message: 'project "web" exists', details: { name: 'web' }, suggestions: ['pick another name'], timestamp: '2025-01-01T00:00:00.000Z' };

describe('the REST client', () => {
  it('sends the bearer token, JSON bodies and query strings, and reads JSON answers', async () => {
    const bodies: string[] = [];
    server = await startTestHttpServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        bodies.push(body);
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'p_1', name: 'web' }));
      });
    });
    const client = createRitmoClient({ baseUrl: `${server.url}/`, token: 'ritmo_secret' });
    expect(await client.projects.create({ name: 'web', pipeline: 'jobs: {}' })).toEqual({ id: 'p_1', name: 'web' });
    await client.builds.list({ project: 'a b', status: 'running', limit: 5 });
    const [create, list] = server.requests;
    expect(create?.method).toBe('POST');
    expect(create?.headers.authorization).toBe('Bearer ritmo_secret');
    expect(create?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(bodies[0] ?? '')).toEqual({ name: 'web', pipeline: 'jobs: {}' });
    expect(list?.url).toBe('/api/v1/builds?project=a+b&status=running&limit=5');
  });

  it('turns the error envelope into a RitmoApiError with the status and request id', async () => {
    server = await startTestHttpServer((_req, res) => {
      res.writeHead(409, { 'content-type': 'application/json', 'x-request-id': 'r_1' });
      res.end(JSON.stringify(envelope));
    });
    const error = await createRitmoClient({ baseUrl: server.url }).projects.create({ name: 'web' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RitmoApiError);
    expect(error).toMatchObject({ code: 'ERR_API_PROJECT_EXISTS', status: 409, message: 'project "web" exists', details: { name: 'web' }, suggestions: ['pick another name'], requestId: 'r_1' });
    expect(isRitmoApiError(error, 'ERR_API_PROJECT_EXISTS')).toBe(true);
  });

  it('reports an answer that is not the envelope, and a server that cannot be reached', async () => {
    server = await startTestHttpServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<h1>Bad gateway</h1>');
    });
    await expect(createRitmoClient({ baseUrl: server.url }).account.me()).rejects.toMatchObject({ code: 'ERR_CLIENT_BAD_RESPONSE', status: 502 });
    const url = server.url;
    await server.close();
    server = undefined;
    await expect(createRitmoClient({ baseUrl: url }).account.me()).rejects.toMatchObject({ code: 'ERR_CLIENT_NETWORK', status: 0 });
  });

  it('reads a log range as bytes with its position headers', async () => {
    server = await startTestHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'x-ritmo-log-offset': '6', 'x-ritmo-log-next-offset': '12', 'x-ritmo-log-size': '20', 'x-ritmo-log-complete': 'true' });
      res.end(Buffer.from('wörld\n'));
    });
    const client = createRitmoClient({ baseUrl: server.url });
    const range = await client.jobs.readLog('j_1', { offset: 6, limit: 7 });
    expect(new TextDecoder().decode(range.bytes)).toBe('wörld\n');
    expect(range).toMatchObject({ offset: 6, nextOffset: 12, size: 20, complete: true });
    expect(server.requests[0]?.url).toBe('/api/v1/jobs/j_1/log?offset=6&limit=7');
    expect(client.jobs.logDownloadUrl('j_1')).toBe(`${server.url}/api/v1/jobs/j_1/log?download=1`);
  });
});
