import { beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from '@ritmo/store/testing';
import { useTestServer } from '../testing/test-server.js';

describe.each(STORE_KINDS)('job logs (%s)', (kind) => {
  const t = useTestServer(kind);
  let jobId: string;
  const log = Array.from({ length: 50 }, (_, i) => `line ${i + 1}\n`).join('');

  beforeAll(async () => {
    await t.call('POST', '/api/v1/projects', { body: { name: 'logs', pipeline: 'jobs:\n  a:\n    steps:\n      - run: seq 50\n' } });
    const build = await t.call('POST', '/api/v1/projects/logs/builds', { body: {} });
    jobId = build.json.jobs[0].id;
    const o = t.app.ritmo.orchestrator;
    await o.startJob(jobId, null);
    const bytes = Buffer.from(log);
    for (let at = 0; at < bytes.length; at += 100) await o.appendLog(jobId, 1, at, bytes.subarray(at, at + 100));
  });

  it('returns the whole log with its range headers', async () => {
    const res = await t.call('GET', `/api/v1/jobs/${jobId}/log`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toBe(log);
    expect(res.headers).toMatchObject({ 'x-ritmo-log-offset': '0', 'x-ritmo-log-next-offset': String(log.length), 'x-ritmo-log-size': String(log.length), 'x-ritmo-log-complete': 'false' });
  });

  it('returns a byte range, the last N lines, and a download', async () => {
    const range = await t.call('GET', `/api/v1/jobs/${jobId}/log?offset=7&limit=14`);
    expect(range.text).toBe(log.slice(7, 21));
    expect(range.headers['x-ritmo-log-next-offset']).toBe('21');
    const tail = await t.call('GET', `/api/v1/jobs/${jobId}/log?tail=3`);
    expect(tail.text).toBe('line 48\nline 49\nline 50\n');
    const all = await t.call('GET', `/api/v1/jobs/${jobId}/log?tail=1000`);
    expect(all.text).toBe(log);
    const file = await t.call('GET', `/api/v1/jobs/${jobId}/log?download=1`);
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="build-1-a-1\.log"$/);
    expect(file.text).toBe(log);
  });

  it('answers 416 for an offset past the end, and an empty body at the end', async () => {
    const past = await t.call('GET', `/api/v1/jobs/${jobId}/log?offset=${log.length + 1}`);
    expect(past.status).toBe(416);
    expect(past.json.error).toBe('ERR_API_LOG_RANGE');
    const end = await t.call('GET', `/api/v1/jobs/${jobId}/log?offset=${log.length}`);
    expect(end.status).toBe(200);
    expect(end.text).toBe('');
  });
});
