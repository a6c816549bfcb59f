import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ARCHIVE_LIMITS } from '@ritmo/protocol';
import { hostileArchives, tarBytes, tarGz } from '@ritmo/protocol/testing';
import { inspectArchive } from './inspect-archive.js';
import { openArchiveFile } from './open-archive-file.js';

const from = (bytes: Buffer): Readable => Readable.from([bytes]);

describe('reading archives on the server', () => {
  it('lists files with their digests and links, and opens one file by path', async () => {
    const archive = tarGz([
      { name: 'dist/', type: '5' },
      { name: 'dist/app.js', content: 'console.log(1)\n', mode: 0o755 },
      { name: './dist/version.txt', content: '1.2.3' },
      { name: 'dist/latest', type: '2', linkname: 'version.txt' },
      { name: 'dist/copy.txt', type: '1', linkname: 'dist/version.txt' },
    ]);
    const files = await inspectArchive(from(archive), DEFAULT_ARCHIVE_LIMITS);
    const sha = (t: string) => `sha256:${createHash('sha256').update(t).digest('hex')}`;
    expect(files).toEqual([
      { path: 'dist/app.js', type: 'file', size: 15, digest: sha('console.log(1)\n') },
      { path: 'dist/copy.txt', type: 'link', size: 0, digest: null, target: 'dist/version.txt' },
      { path: 'dist/latest', type: 'symlink', size: 0, digest: null, target: 'version.txt' },
      { path: 'dist/version.txt', type: 'file', size: 5, digest: sha('1.2.3') },
    ]);
    expect(await text(await openArchiveFile(from(archive), 'dist/version.txt', DEFAULT_ARCHIVE_LIMITS))).toBe('1.2.3');
    await expect(openArchiveFile(from(archive), 'dist/missing', DEFAULT_ARCHIVE_LIMITS)).rejects.toMatchObject({ code: 'ERR_ARTIFACT_FILE_NOT_FOUND' });
  });

  it.each(hostileArchives())('refuses $name', async ({ archive, code, reason }) => {
    const error = await inspectArchive(from(archive()), DEFAULT_ARCHIVE_LIMITS).then(
      () => undefined,
      (e: unknown) => e as { code: string; details?: { reason?: string } },
    );
    expect(error?.code).toBe(code);
    if (reason !== undefined) expect(error?.details?.reason).toBe(reason);
  });

  it('stops a gzip bomb at the decompressed bound', async () => {
    const bomb = gzipSync(tarBytes([{ name: 'zeros.bin', content: Buffer.alloc(64 * 1024 * 1024) }]));
    expect(bomb.length).toBeLessThan(200 * 1024);
    const limits = { ...DEFAULT_ARCHIVE_LIMITS, maxBytes: 8 * 1024 * 1024 };
    await expect(inspectArchive(from(bomb), limits)).rejects.toMatchObject({ code: 'ERR_ARTIFACT_TOO_LARGE' });
  });

  it('refuses an oversized pax header before the parser buffers it', async () => {
    const huge = tarGz([{ name: `${'a/'.repeat(40_000)}x`, content: 'x' }]);
    await expect(inspectArchive(from(huge), { ...DEFAULT_ARCHIVE_LIMITS, maxMetaBytes: 1024 })).rejects.toMatchObject({ code: 'ERR_ARTIFACT_TOO_LARGE' });
  });

  it('refuses 100,000 tiny entries at the entry bound', async () => {
    const many = gzipSync(tarBytes(Array.from({ length: 100_000 }, (_, i) => ({ name: `f/${i}` }))));
    await expect(inspectArchive(from(many), DEFAULT_ARCHIVE_LIMITS)).rejects.toMatchObject({ code: 'ERR_ARTIFACT_TOO_MANY_ENTRIES' });
  });
});
