import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ARCHIVE_LIMITS } from '@ritmo/protocol';
import { hostileArchives, tarBytes, tarGz } from '@ritmo/protocol/testing';
import { extractArchive } from './extract-archive.js';

let base = '';
let root = '';
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'ritmo-extract-'));
  root = join(base, 'workspace', 'root');
  await mkdir(root, { recursive: true });
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

const from = (bytes: Buffer): Readable => Readable.from([bytes]);

/** Every path under `dir`, relative to it. */
async function tree(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = `${prefix}${entry.name}`;
    out.push(rel);
    if (entry.isDirectory()) out.push(...(await tree(join(dir, entry.name), `${rel}/`)));
  }
  return out.sort();
}

describe('extracting archives on the agent', () => {
  it('writes files with their executable bit, directories, links inside the root and hard links', async () => {
    const archive = tarGz([
      { name: 'dist/', type: '5' },
      { name: 'dist/run.sh', content: '#!/bin/sh\necho hi\n', mode: 0o755 },
      { name: 'dist/data.txt', content: 'data' },
      { name: 'dist/current', type: '2', linkname: 'data.txt' },
      { name: 'dist/copy.txt', type: '1', linkname: 'dist/data.txt' },
    ]);
    expect(await extractArchive(from(archive), root, DEFAULT_ARCHIVE_LIMITS)).toBe(4);
    expect(await readFile(join(root, 'dist/data.txt'), 'utf8')).toBe('data');
    expect((await stat(join(root, 'dist/run.sh'))).mode & 0o777).toBe(0o755);
    expect((await stat(join(root, 'dist/data.txt'))).mode & 0o111).toBe(0);
    expect(await readlink(join(root, 'dist/current'))).toBe('data.txt');
    expect(await readFile(join(root, 'dist/copy.txt'), 'utf8')).toBe('data');
  });

  it('replaces existing files instead of writing through a link that is already there', async () => {
    await mkdir(join(base, 'outside'));
    await symlink(join(base, 'outside', 'victim.txt'), join(root, 'file.txt'));
    await extractArchive(from(tarGz([{ name: 'file.txt', content: 'new' }])), root, DEFAULT_ARCHIVE_LIMITS);
    expect((await lstat(join(root, 'file.txt'))).isFile()).toBe(true);
    expect(existsSync(join(base, 'outside', 'victim.txt'))).toBe(false);
  });

  it('refuses to write below a symlink the workspace already has', async () => {
    await mkdir(join(base, 'outside'));
    await symlink('../../outside', join(root, 'dist'));
    await expect(extractArchive(from(tarGz([{ name: 'dist/evil.txt', content: 'pwned' }])), root, DEFAULT_ARCHIVE_LIMITS)).rejects.toMatchObject({
      code: 'ERR_ARTIFACT_UNSAFE_ENTRY',
      details: { reason: 'below-symlink' },
    });
    expect(await readdir(join(base, 'outside'))).toEqual([]);
  });

  it.each(hostileArchives())('refuses $name and writes nothing outside the root', async ({ archive, code, reason }) => {
    const error = await extractArchive(from(archive()), root, DEFAULT_ARCHIVE_LIMITS).then(
      () => undefined,
      (e: unknown) => e as { code: string; details?: { reason?: string } },
    );
    expect(error?.code).toBe(code);
    if (reason !== undefined) expect(error?.details?.reason).toBe(reason);
    expect((await tree(base)).filter((p) => !p.startsWith('workspace'))).toEqual([]);
    expect(existsSync(join(base, 'workspace', 'escaped.txt'))).toBe(false);
    expect(existsSync('/tmp/ritmo-absolute.txt')).toBe(false);
    expect(existsSync('/tmp/ritmo-through-link.txt')).toBe(false);
  });

  it('stops a gzip bomb at the decompressed bound, having written at most that much', async () => {
    const bomb = gzipSync(tarBytes([{ name: 'zeros.bin', content: Buffer.alloc(64 * 1024 * 1024) }]));
    const limits = { ...DEFAULT_ARCHIVE_LIMITS, maxBytes: 4 * 1024 * 1024 };
    await expect(extractArchive(from(bomb), root, limits)).rejects.toMatchObject({ code: 'ERR_ARTIFACT_TOO_LARGE' });
    const written = existsSync(join(root, 'zeros.bin')) ? (await stat(join(root, 'zeros.bin'))).size : 0;
    expect(written).toBeLessThanOrEqual(limits.maxBytes);
  });

  it('stops 100,000 tiny entries at the entry bound', async () => {
    const many = gzipSync(tarBytes(Array.from({ length: 100_000 }, (_, i) => ({ name: `f${i}`, content: 'x' }))));
    const limits = { ...DEFAULT_ARCHIVE_LIMITS, maxEntries: 1_000 };
    await expect(extractArchive(from(many), root, limits)).rejects.toMatchObject({ code: 'ERR_ARTIFACT_TOO_MANY_ENTRIES' });
    expect((await readdir(root)).length).toBeLessThanOrEqual(1_000);
  });
});
