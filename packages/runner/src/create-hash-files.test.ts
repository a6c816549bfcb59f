import { createHash } from 'node:crypto';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHashFiles } from './create-hash-files.js';
import { tempDir } from './test-support.js';

const sha = (data: string | Buffer): Buffer => createHash('sha256').update(data).digest();

describe('createHashFiles', () => {
  let ws: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    ws = await tempDir();
    await mkdir(join(ws.path, 'a/b'), { recursive: true });
    await mkdir(join(ws.path, '.hidden'), { recursive: true });
    await writeFile(join(ws.path, 'package-lock.json'), 'lock');
    await writeFile(join(ws.path, 'a/one.json'), 'one');
    await writeFile(join(ws.path, 'a/b/two.json'), 'two');
    await writeFile(join(ws.path, '.hidden/three.json'), 'three');
  });
  afterEach(() => ws.cleanup());

  it('hashes the sorted files sha256s, GitHub style', () => {
    const hashFiles = createHashFiles(ws.path);
    // sorted by path: a/b/two.json before a/one.json
    const expected = createHash('sha256').update(sha('two')).update(sha('one')).digest('hex');
    expect(hashFiles(['a/**/*.json'])).toBe(expected);
    expect(hashFiles(['package-lock.json'])).toBe(createHash('sha256').update(sha('lock')).digest('hex'));
  });

  it('matches dot files, honors negation in order, and ignores directories', () => {
    const hashFiles = createHashFiles(ws.path);
    const hashOf = (...contents: string[]): string => contents.reduce((h, c) => h.update(sha(c)), createHash('sha256')).digest('hex');
    // sorted by path: .hidden/three.json, a/b/two.json, a/one.json, package-lock.json
    expect(hashFiles(['**/*.json'])).toBe(hashOf('three', 'two', 'one', 'lock'));
    expect(hashFiles(['**/*.json', '!package-lock.json'])).toBe(hashOf('three', 'two', 'one'));
    expect(hashFiles(['**/*.json', '!**/b/**', '!*.json'])).toBe(hashOf('three', 'one'));
    expect(hashFiles(['!a/**', 'a/one.json'])).toBe(hashOf('one'));
    expect(hashFiles(['a'])).toBe('');
  });

  it('returns the empty string when nothing matches and ignores paths outside the workspace', async () => {
    const outside = await tempDir();
    try {
      await writeFile(join(outside.path, 'x.json'), 'x');
      await symlink(join(outside.path, 'x.json'), join(ws.path, 'link.json'));
      const hashFiles = createHashFiles(ws.path);
      expect(hashFiles(['*.txt'])).toBe('');
      expect(hashFiles(['../**/*.json', `${outside.path}/x.json`])).toBe('');
      expect(hashFiles(['link.json'])).toBe(createHash('sha256').update(sha('x')).digest('hex'));
    } finally {
      await outside.cleanup();
    }
  });
});
