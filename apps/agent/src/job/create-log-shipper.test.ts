import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSilentLogger, err, ok } from '@ritmo/shared';
import type { CallFailure } from '../client/call-failure.js';
import type { CallResult } from '../client/create-agent-client.js';
import { createLogShipper } from './create-log-shipper.js';

/** The server's side of log chunks, as the store implements it: idempotent appends at byte offsets. */
function createLogEndpoint() {
  let stored = Buffer.alloc(0);
  const state = { online: true, chunks: [] as number[], stale: false };
  const failure = (f: Partial<CallFailure>): CallResult<{ offset: number }> => err({ kind: 'rejected', status: 409, code: '', message: '', details: null, ...f });
  const send = async (offset: number, data: Buffer): Promise<CallResult<{ offset: number }>> => {
    await new Promise((r) => setTimeout(r, 1));
    if (!state.online) return err({ kind: 'unreachable', status: 0, code: 'ERR_AGENT_SERVER_UNREACHABLE', message: 'down', details: null });
    if (state.stale) return failure({ code: 'ERR_STORE_LEASE_CONFLICT', details: { reason: 'canceled' } });
    if (offset > stored.length) return failure({ code: 'ERR_STORE_LOG_GAP', details: { expectedOffset: stored.length } });
    const overlap = stored.subarray(offset, Math.min(stored.length, offset + data.length));
    if (!overlap.equals(data.subarray(0, overlap.length))) return failure({ code: 'ERR_STORE_LOG_OVERLAP', details: { expectedOffset: stored.length } });
    stored = Buffer.concat([stored, data.subarray(stored.length - offset)]);
    state.chunks.push(data.length);
    return ok({ offset: stored.length });
  };
  return { send, state, text: () => stored.toString() };
}

describe('log shipper', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ritmo-shipper-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('batches lines into chunks of at most maxChunkBytes, cut at line ends', async () => {
    const server = createLogEndpoint();
    const shipper = createLogShipper({ send: server.send, spoolPath: join(dir, 'spool', 'a.log'), logger: createSilentLogger(), onStale: () => undefined, maxChunkBytes: 100 });
    let expected = '';
    for (let i = 0; i < 50; i++) {
      const line = `line ${i} ${'x'.repeat(i % 7)}\n`;
      expected += line;
      shipper.write(Buffer.from(line));
    }
    await shipper.close();
    expect(server.text()).toBe(expected);
    expect(shipper.acked).toBe(Buffer.byteLength(expected));
    expect(Math.max(...server.state.chunks)).toBeLessThanOrEqual(100);
    expect(server.state.chunks.length).toBeLessThan(50);
    await shipper.dispose();
    expect(existsSync(join(dir, 'spool', 'a.log'))).toBe(false);
  });

  it('spools while the server is unreachable and resumes from the acknowledged offset', async () => {
    const server = createLogEndpoint();
    const shipper = createLogShipper({ send: server.send, spoolPath: join(dir, 'b.log'), logger: createSilentLogger(), onStale: () => undefined, flushAfterMs: 5, maxChunkBytes: 64 });
    shipper.write(Buffer.from('before the outage\n'));
    await new Promise((r) => setTimeout(r, 50));
    server.state.online = false;
    let expected = 'before the outage\n';
    for (let i = 0; i < 40; i++) {
      expected += `during ${i}\n`;
      shipper.write(Buffer.from(`during ${i}\n`));
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(shipper.acked).toBe(18);
    server.state.online = true;
    await shipper.close();
    expect(server.text()).toBe(expected);
    await shipper.dispose();
  });

  it('stops and says so when the lease is gone', async () => {
    const server = createLogEndpoint();
    const reasons: string[] = [];
    server.state.stale = true;
    const shipper = createLogShipper({ send: server.send, spoolPath: join(dir, 'c.log'), logger: createSilentLogger(), onStale: (r) => reasons.push(r), flushAfterMs: 1 });
    shipper.write(Buffer.from('late\n'));
    await shipper.close();
    expect(reasons).toEqual(['canceled']);
    await shipper.dispose();
  });

  it('resends from where the server says when it has less than assumed', async () => {
    const server = createLogEndpoint();
    const shipper = createLogShipper({ send: server.send, spoolPath: join(dir, 'd.log'), logger: createSilentLogger(), onStale: () => undefined, startOffset: 3, flushAfterMs: 1 });
    shipper.write(Buffer.from('abcdef\n'));
    await shipper.close();
    expect(server.text()).toBe('abcdef\n');
    await shipper.dispose();
  });
});
