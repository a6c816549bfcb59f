import { beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from '@ritmo/store/testing';
import { useTestServer } from '../testing/test-server.js';

// 60,000 lines (about 3.3 MB, so the search crosses several 1 MiB windows), a few of them special.
const special: Record<number, string> = { 1: 'Build started', 17_000: '\u001b[31mERROR\u001b[0m: disk full', 31_999: 'error again: wörld', 60_000: 'last ERROR line' };
const lines = Array.from({ length: 60_000 }, (_, i) => special[i + 1] ?? `line ${i + 1} of the log, nothing to see here`);
const log = `${lines.join('\n')}\n`;
const offsetOf = (n: number): number => Buffer.byteLength(lines.slice(0, n - 1).map((l) => `${l}\n`).join(''));

describe.each(STORE_KINDS)('log search (%s)', (kind) => {
  const t = useTestServer(kind);
  let jobId: string;

  beforeAll(async () => {
    await t.call('POST', '/api/v1/projects', { body: { name: 'search', pipeline: 'jobs:\n  a:\n    steps:\n      - run: "true"\n' } });
    const build = await t.call('POST', '/api/v1/projects/search/builds', { body: {} });
    jobId = build.json.jobs[0].id;
    const o = t.app.ritmo.orchestrator;
    await o.startJob(jobId, null);
    const bytes = Buffer.from(log);
    for (let at = 0; at < bytes.length; at += 64 * 1024) await o.appendLog(jobId, 1, at, bytes.subarray(at, at + 64 * 1024));
  });

  it('finds every matching line of the whole log with its number and byte offset, ignoring ASCII case', async () => {
    const res = await t.call('GET', `/api/v1/jobs/${jobId}/log/search?q=error`);
    expect(res.status).toBe(200);
    expect(res.json.matches).toEqual([
      { line: 17_000, offset: offsetOf(17_000), text: special[17_000] },
      { line: 31_999, offset: offsetOf(31_999), text: special[31_999] },
      { line: 60_000, offset: offsetOf(60_000), text: special[60_000] },
    ]);
    expect(res.json).toMatchObject({ next: null, size: Buffer.byteLength(log), scanned: Buffer.byteLength(log) });
    const exact = await t.call('GET', `/api/v1/jobs/${jobId}/log/search?q=ERROR&case=1`);
    expect(exact.json.matches.map((m: { line: number }) => m.line)).toEqual([17_000, 60_000]);
    const utf8 = await t.call('GET', `/api/v1/jobs/${jobId}/log/search?q=${encodeURIComponent('wörld')}`);
    expect(utf8.json.matches.map((m: { line: number }) => m.line)).toEqual([31_999]);
  });

  it('pages through matches with a cursor', async () => {
    const first = await t.call('GET', `/api/v1/jobs/${jobId}/log/search?q=line%2012&limit=2`);
    expect(first.json.matches.map((m: { line: number }) => m.line)).toEqual([12, 120]);
    expect(first.json.next).toBe(`${offsetOf(121)}.121`);
    const second = await t.call('GET', `/api/v1/jobs/${jobId}/log/search?q=line%2012&limit=3&cursor=${first.json.next}`);
    expect(second.json.matches.map((m: { line: number; offset: number }) => [m.line, m.offset])).toEqual([
      [121, offsetOf(121)],
      [122, offsetOf(122)],
      [123, offsetOf(123)],
    ]);
  });

  it('answers an empty result, a bad query and a cursor past the end', async () => {
    expect((await t.call('GET', `/api/v1/jobs/${jobId}/log/search?q=nowhere`)).json.matches).toEqual([]);
    expect((await t.call('GET', `/api/v1/jobs/${jobId}/log/search`)).status).toBe(400);
    const past = await t.call('GET', `/api/v1/jobs/${jobId}/log/search?q=x&cursor=99999999.1`);
    expect(past.status).toBe(416);
    expect(past.json.error).toBe('ERR_API_LOG_RANGE');
  });

  it('tells when each part of the log arrived', async () => {
    const res = await t.call('GET', `/api/v1/jobs/${jobId}/log/times?from=70000&to=200000`);
    expect(res.status).toBe(200);
    expect(res.json.parts.map((p: { offset: number }) => p.offset)).toEqual([65536, 131072, 196608]);
    expect(Number.isNaN(Date.parse(res.json.parts[0].at))).toBe(false);
  });
});
