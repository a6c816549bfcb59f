import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { demuxDockerStream } from './demux-docker-stream.js';
import { readText } from './testing/finish-step.js';

function frame(type: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('demuxDockerStream', () => {
  it('splits frames into stdout and stderr even when chunks cut through headers and payloads', async () => {
    const all = Buffer.concat([frame(1, 'out one\n'), frame(2, 'err\n'), frame(1, 'out two\n'), frame(1, '')]);
    const chunks = [all.subarray(0, 3), all.subarray(3, 13), all.subarray(13, 21), all.subarray(21)];
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const done = demuxDockerStream(Readable.from(chunks), stdout, stderr);
    const [out, err] = await Promise.all([readText(stdout), readText(stderr), done]);
    expect(out).toBe('out one\nout two\n');
    expect(err).toBe('err\n');
  });

  it('waits for a full target to drain instead of buffering without bound', async () => {
    const big = 'x'.repeat(64 * 1024);
    let produced = 0;
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < 64; i++) {
          produced++;
          yield frame(1, big);
        }
      })(),
    );
    const stdout = new PassThrough({ highWaterMark: 16 * 1024 });
    const stderr = new PassThrough();
    const done = demuxDockerStream(source, stdout, stderr);
    await new Promise((r) => setTimeout(r, 100));
    // Nobody reads stdout: only a few frames may have been pulled from the source.
    expect(produced).toBeLessThan(32);
    const [out] = await Promise.all([readText(stdout), readText(stderr), done]);
    expect(out.length).toBe(64 * big.length);
  });
});
