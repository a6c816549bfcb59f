import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent, LogLinesEvent } from '@ritmo/protocol';
import { STORE_KINDS } from '@ritmo/store/testing';
import { ADMIN_TOKEN, useTestServer } from '../testing/test-server.js';
import { collectSse, readSse, type SseMessage } from '../testing/test-sse.js';

const PIPELINE = 'jobs:\n  one:\n    steps:\n      - run: echo one\n  two:\n    needs: [one]\n    steps:\n      - run: echo two\n';

const logText = (messages: SseMessage[], jobId: string): string =>
  messages
    .map((m) => m.event)
    .filter((e): e is LogLinesEvent => e.type === 'log.lines' && e.jobId === jobId)
    .map((e) => e.text)
    .join('');

describe.each(STORE_KINDS)('live build events (%s)', (kind) => {
  const t = useTestServer(kind);
  let base: string;
  const streams: AbortController[] = [];

  beforeAll(async () => {
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    await t.call('POST', '/api/v1/projects', { body: { name: 'live', pipeline: PIPELINE } });
  });
  afterAll(() => streams.forEach((s) => s.abort()));

  const open = async (buildId: string, headers: Record<string, string> = {}, query = ''): Promise<AsyncGenerator<SseMessage>> => {
    const abort = new AbortController();
    streams.push(abort);
    const res = await fetch(`${base}/api/v1/builds/${buildId}/events${query}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...headers }, signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    return readSse(res);
  };
  const trigger = async () => (await t.call('POST', '/api/v1/projects/live/builds', { body: {} })).json as { id: string; jobs: { id: string; key: string }[] };

  it('sends the current state, then live log lines and status changes, and resumes with Last-Event-ID', async () => {
    const build = await trigger();
    const [one, two] = build.jobs.map((j) => j.id) as [string, string];
    const o = t.app.ritmo.orchestrator;
    await o.startJob(one, null);
    await o.appendLog(one, 1, 0, Buffer.from('line 1\n'));

    const first = await open(build.id);
    const snapshot = await collectSse(first, (_m, all) => logText(all, one) === 'line 1\n');
    expect(snapshot[0]?.event).toMatchObject({ type: 'build.status', status: 'running' });
    expect(snapshot.filter((m) => m.event.type === 'job.status').map((m) => (m.event as { status: string }).status)).toEqual(['running', 'pending']);

    await o.appendLog(one, 1, 7, Buffer.from('line 2\n'));
    const live = await collectSse(first, (_m, all) => logText(all, one) === 'line 2\n');
    const lastId = live.at(-1)?.id;
    expect(live.at(-1)?.event).toMatchObject({ type: 'log.lines', offset: 7, nextOffset: 14 });
    expect(lastId).toBeTruthy();
    streams.at(-1)?.abort();

    // While nobody listens: more log, the job ends, the next job runs and logs, the build finishes.
    await o.appendLog(one, 1, 14, Buffer.from('line 3\n'));
    await o.finishJob(one, { attempt: 1, status: 'success', exitCode: 0 });
    await o.startJob(two, null);
    await o.appendLog(two, 1, 0, Buffer.from('two\n'));
    await o.finishJob(two, { attempt: 1, status: 'success', exitCode: 0 });

    const resumed = await collectSse(await open(build.id, { 'last-event-id': lastId ?? '' }), () => false);
    expect(logText(resumed, one)).toBe('line 3\n');
    expect(logText(resumed, two)).toBe('two\n');
    const events = resumed.map((m) => m.event.type);
    expect(events[0]).toBe('build.status');
    expect(events.at(-1)).toBe('build.finished');
    expect((resumed.at(-1)?.event as Extract<LiveEvent, { type: 'build.finished' }>).build.status).toBe('success');
  });

  it('follows one job’s log from a byte offset', async () => {
    const build = await trigger();
    const one = build.jobs[0]!.id;
    const o = t.app.ritmo.orchestrator;
    await o.startJob(one, null);
    await o.appendLog(one, 1, 0, Buffer.from('abcdef\n'));
    const stream = await open(build.id, {}, `?logs=${one}&offset=3`);
    const got = await collectSse(stream, (_m, all) => logText(all, one).endsWith('\n'));
    expect(logText(got, one)).toBe('def\n');
    await o.appendLog(one, 1, 7, Buffer.from('ghi\n'));
    const more = await collectSse(stream, (_m, all) => logText(all, one) === 'ghi\n');
    expect(more.at(-1)?.event).toMatchObject({ offset: 7, nextOffset: 11 });
  });

  it('rejects a malformed Last-Event-ID before streaming', async () => {
    const build = await trigger();
    const res = await t.call('GET', `/api/v1/builds/${build.id}/events`, { headers: { 'last-event-id': 'garbage' } });
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('ERR_API_VALIDATION');
  });

  it('streams over a WebSocket on the same path', async () => {
    const build = await trigger();
    await t.call('POST', `/api/v1/builds/${build.id}/cancel`);
    const frames: { id: string | null; event: LiveEvent }[] = [];
    let closed!: Promise<void>;
    await t.app.injectWS(
      `/api/v1/builds/${build.id}/events`,
      { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
      {
        onInit: (ws) => {
          ws.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString()) as { id: string | null; event: LiveEvent }));
          closed = new Promise((resolve) => ws.on('close', () => resolve()));
        },
      },
    );
    await closed;
    expect(frames[0]?.event).toMatchObject({ type: 'build.status', status: 'canceled' });
    expect(frames.at(-1)?.event.type).toBe('build.finished');
  });

  it('sends build.created and build.finished on the global stream', async () => {
    const abort = new AbortController();
    streams.push(abort);
    const res = await fetch(`${base}/api/v1/events`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, signal: abort.signal });
    const stream = readSse(res);
    const build = await trigger();
    await t.call('POST', `/api/v1/builds/${build.id}/cancel`);
    const got = await collectSse(stream, (m) => m.event.type === 'build.finished');
    expect(got.map((m) => m.event.type)).toEqual(['build.created', 'build.finished']);
    expect(got[0]?.id).toMatch(/^g\.\d+$/);
  });
});
