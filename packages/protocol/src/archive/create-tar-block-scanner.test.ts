import { describe, expect, it } from 'vitest';
import { DEFAULT_ARCHIVE_LIMITS } from './archive-limits.js';
import { createTarBlockScanner } from './create-tar-block-scanner.js';

/** A ustar header block with a valid checksum. */
function header(name: string, size: number, type = '0'): Uint8Array {
  const block = new Uint8Array(512);
  const put = (offset: number, text: string) => block.set(new TextEncoder().encode(text), offset);
  put(0, name);
  put(100, '0000644\0');
  put(124, `${size.toString(8).padStart(11, '0')}\0`);
  put(156, type);
  put(257, 'ustar\u000000');
  put(148, '        ');
  const sum = block.reduce((a, b) => a + b, 0);
  put(148, `${sum.toString(8).padStart(6, '0')}\0 `);
  return block;
}

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

function scan(bytes: Uint8Array, limits = DEFAULT_ARCHIVE_LIMITS, chunk = 100): string | undefined {
  const scanner = createTarBlockScanner(limits);
  try {
    for (let i = 0; i < bytes.length; i += chunk) scanner.push(bytes.subarray(i, i + chunk));
    scanner.end();
    return undefined;
  } catch (e: unknown) {
    return (e as { code: string }).code;
  }
}

describe('createTarBlockScanner', () => {
  it('walks headers and contents in chunks of any size', () => {
    const tar = concat(header('a.txt', 5), new Uint8Array(512), header('b.txt', 600), new Uint8Array(1024), new Uint8Array(1024));
    for (const chunk of [1, 7, 512, 5000]) expect(scan(tar, DEFAULT_ARCHIVE_LIMITS, chunk)).toBeUndefined();
  });

  it('refuses a header with a bad checksum, a cut archive, and data after the end marker', () => {
    const bad = header('a.txt', 5);
    bad[0] = 0x62;
    expect(scan(concat(bad, new Uint8Array(1536)))).toBe('ERR_ARTIFACT_ARCHIVE_INVALID');
    expect(scan(concat(header('a.txt', 600), new Uint8Array(512)))).toBe('ERR_ARTIFACT_ARCHIVE_INVALID');
    expect(scan(concat(new Uint8Array(512), header('late', 0)))).toBe('ERR_ARTIFACT_ARCHIVE_INVALID');
  });

  it('refuses extended headers larger than maxMetaBytes before a parser would buffer them', () => {
    const limits = { ...DEFAULT_ARCHIVE_LIMITS, maxMetaBytes: 1024 };
    expect(scan(concat(header('PaxHeader', 4096, 'x')), limits)).toBe('ERR_ARTIFACT_TOO_LARGE');
    expect(scan(concat(header('././@LongLink', 2048, 'L')), limits)).toBe('ERR_ARTIFACT_TOO_LARGE');
    expect(scan(concat(header('PaxHeader', 512, 'x'), new Uint8Array(512), header('f', 0), new Uint8Array(1024)), limits)).toBeUndefined();
  });

  it('bounds the whole decompressed stream', () => {
    const limits = { ...DEFAULT_ARCHIVE_LIMITS, maxBytes: 4096 };
    expect(scan(concat(header('big', 1 << 20)), limits)).toBe('ERR_ARTIFACT_TOO_LARGE');
    expect(scan(new Uint8Array(8192), limits)).toBe('ERR_ARTIFACT_TOO_LARGE');
  });
});
