import { afterEach, describe, expect, it } from 'vitest';
import type { LiveEvent } from '@ritmo/protocol';
import { createRitmoClient } from './create-ritmo-client.js';
import type { LiveState } from './open-live-stream.js';
import { sseEvent, startTestHttpServer, type TestHttpServer } from './testing/test-http-server.js';

let server: TestHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const at = '2025-01-01T00:00:00.000Z';
const status = (s: 'running' | 'success') => ({ type: 'build.status', buildId: 'b_1', projectId: 'p_1', status: s, at }) as const;
const log = (offset: number, text: string) => ({ type: 'log.lines', buildId: 'b_1', jobId: 'j_1', attempt: 1, offset, nextOffset: offset + text.length, text }) as const;
const build = { id: 'b_1', projectId: 'p_1', number: 1, status: 'success', event: 'manual', ref: null, sha: null, branch: null, tag: null, message: null, actor: null, inputs: {}, pipelineName: 'ci', retryOf: null, error: null, canceledBy: null, createdAt: at, startedAt: at, finishedAt: at };

describe('live event streams', () => {
  it('reconnect after a drop with Last-Event-ID and close after build.finished', async () => {
    server = await startTestHttpServer((req, res, n) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (n === 1) {
        res.write('retry: 10\n\n' + sseEvent(null, status('running')) + sseEvent('c1', log(0, 'a\n')) + 'event: unknown.kind\ndata: {"type":"unknown.kind"}\n\n');
        setTimeout(() => res.destroy(), 20);
      } else {
        res.write(sseEvent('c2', log(2, 'b\n')) + sseEvent(null, { type: 'build.finished', build }));
        // The server would end here; the client must not wait for it nor reconnect.
      }
    });
    const events: LiveEvent[] = [];
    const states: LiveState[] = [];
    const stream = createRitmoClient({ baseUrl: server.url, token: 'ritmo_t' }).live.build('b_1', { logs: ['j_1'], offset: 0 }, { onEvent: (e) => events.push(e), onState: (s) => states.push(s) });
    await stream.closed;
    expect(events.map((e) => e.type)).toEqual(['build.status', 'log.lines', 'log.lines', 'build.finished']);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]?.url).toBe('/api/v1/builds/b_1/events?logs=j_1&offset=0');
    expect(server.requests[0]?.headers.authorization).toBe('Bearer ritmo_t');
    expect(server.requests[0]?.headers['last-event-id']).toBeUndefined();
    expect(server.requests[1]?.headers['last-event-id']).toBe('c1');
    expect(stream.lastEventId).toBe('c2');
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open', 'closed']);
  });

  it('stop on a 4xx answer and report its error', async () => {
    server = await startTestHttpServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'ERR_API_BUILD_NOT_FOUND', message: 'no build "b_x"', details: null, suggestions: [], timestamp: at }));
    });
    const errors: string[] = [];
    const stream = createRitmoClient({ baseUrl: server.url }).live.build('b_x', {}, { onEvent: () => undefined, onError: (e) => errors.push(e.code) });
    await stream.closed;
    expect(errors).toEqual(['ERR_API_BUILD_NOT_FOUND']);
    expect(server.requests).toHaveLength(1);
  });

  it('close when asked, while connected', async () => {
    server = await startTestHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sseEvent('g.1', { type: 'build.created', build }));
    });
    const events: LiveEvent[] = [];
    let stream: ReturnType<ReturnType<typeof createRitmoClient>['live']['global']> | undefined;
    await new Promise<void>((resolve) => {
      stream = createRitmoClient({ baseUrl: server?.url ?? '' }).live.global({ onEvent: (e) => (events.push(e), resolve()) });
    });
    stream?.close();
    await stream?.closed;
    expect(events.map((e) => e.type)).toEqual(['build.created']);
    expect(stream?.lastEventId).toBe('g.1');
  });
});
