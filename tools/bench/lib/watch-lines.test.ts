import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pathTimestamps } from './path-timestamps.mjs';
import { watchLines } from './watch-lines.mjs';

describe('watchLines', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('resolves with the matching line once it is appended, even to a file that did not exist', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ritmo-bench-lines-'));
    const file = join(dir, 'stamps');
    const lines = watchLines(file);
    try {
      const waiting = lines.next((l: string) => l.startsWith('b2 '));
      await appendFile(file, 'b1 100.5\nb2 200');
      await appendFile(file, '.25\n');
      expect(await waiting).toBe('b2 200.25');
      expect(await lines.next((l: string) => l.startsWith('b1 '))).toBe('b1 100.5');
      await expect(lines.next(() => true, 100)).rejects.toThrow(/no matching line/);
    } finally {
      lines.close();
    }
  });
});

describe('pathTimestamps', () => {
  it('reads trigger arrivals, claims and agent starts from the info logs', () => {
    const server = [
      JSON.stringify({ level: 30, time: 1000, requestId: 'r1', req: { method: 'POST', url: '/api/v1/projects/p/builds' }, msg: 'incoming request' }),
      JSON.stringify({ level: 30, time: 1001, requestId: 'r2', req: { method: 'POST', url: '/api/v1/agent/claim' }, msg: 'incoming request' }),
      JSON.stringify({ level: 30, time: 1012, requestId: 'r2', buildId: 'b_1', msg: 'job claimed' }),
      '{"partial',
    ].join('\n');
    const agent = '1970-01-01T00:00:01.020Z INFO  job started jobId=j_1 buildId=b_1 attempt=1 job=one\n';
    const path = pathTimestamps(server, agent, '/api/v1/projects/p/builds');
    expect(path.received).toEqual([1000]);
    expect(path.claimed.get('b_1')).toBe(1012);
    expect(path.started.get('b_1')).toBe(1020);
  });
});
