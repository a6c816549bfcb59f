import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';

/**
 * Splits docker's multiplexed attach stream (frames of an 8-byte header — stream type, 3 zero bytes,
 * big-endian payload length — then the payload) into stdout and stderr, with backpressure: it stops
 * reading while a target is full. Both targets end when the source ends or fails.
 */
export async function demuxDockerStream(source: Readable, stdout: Writable, stderr: Writable): Promise<void> {
  let pending: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of source) {
      pending = pending.length === 0 ? (chunk as Buffer) : Buffer.concat([pending, chunk as Buffer]);
      while (pending.length >= 8) {
        const size = pending.readUInt32BE(4);
        if (pending.length < 8 + size) break;
        const target = pending[0] === 2 ? stderr : stdout;
        const payload = pending.subarray(8, 8 + size);
        pending = pending.subarray(8 + size);
        if (!target.write(payload)) await once(target, 'drain');
      }
    }
  } catch {
    // The connection broke (the container went away): what arrived has been passed on.
  } finally {
    stdout.end();
    stderr.end();
  }
}
