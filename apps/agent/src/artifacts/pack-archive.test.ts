import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, readlink, rm, stat, symlink, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ARCHIVE_LIMITS } from '@ritmo/protocol';
import { collectPaths } from './collect-paths.js';
import { extractArchive } from './extract-archive.js';
import { packArchive } from './pack-archive.js';

let base = '';
let ws = '';
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'ritmo-pack-'));
  ws = join(base, 'ws');
  await mkdir(join(ws, 'dist/maps'), { recursive: true });
  await mkdir(join(ws, 'src'), { recursive: true });
  await writeFile(join(ws, 'dist/app.js'), 'app');
  await writeFile(join(ws, 'dist/tool'), '#!/bin/sh\n');
  await chmod(join(ws, 'dist/tool'), 0o755);
  await writeFile(join(ws, 'dist/maps/app.js.map'), '{}');
  await writeFile(join(ws, 'dist/.hidden'), 'dot');
  await writeFile(join(ws, 'src/main.ts'), 'src');
  await symlink('app.js', join(ws, 'dist/latest.js'));
  await symlink('/etc/passwd', join(ws, 'dist/passwd'));
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('collecting and packing artifact files', () => {
  it('matches globs and whole directories, minus excludes, and skips symlinks that leave the workspace', async () => {
    expect((await collectPaths(ws, ['dist/**'], ['**/*.map'])).found.map((p) => p.path)).toEqual(['dist/.hidden', 'dist/app.js', 'dist/latest.js', 'dist/tool']);
    const whole = await collectPaths(ws, ['dist', 'src/*.ts']);
    expect(whole.found.map((p) => p.path)).toEqual(['dist/.hidden', 'dist/app.js', 'dist/latest.js', 'dist/maps/app.js.map', 'dist/tool', 'src/main.ts']);
    expect(whole.skipped).toEqual(['dist/passwd']);
    expect((await collectPaths(ws, ['nothing/**'])).found).toEqual([]);
    expect((await collectPaths(join(base, 'missing'), ['**'])).found).toEqual([]);
  });

  it('packs the same files into the same bytes, which extract to the same tree', async () => {
    const { found } = await collectPaths(ws, ['dist/**']);
    const one = await packArchive(ws, found, join(base, 'one.tar.gz'));
    const two = await packArchive(ws, found, join(base, 'two.tar.gz'));
    expect(one.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(two.digest).toBe(one.digest);
    expect(one.size).toBe((await stat(join(base, 'one.tar.gz'))).size);
    const out = join(base, 'out');
    expect(await extractArchive(createReadStream(join(base, 'one.tar.gz')), out, DEFAULT_ARCHIVE_LIMITS)).toBe(found.length);
    expect(await readFile(join(out, 'dist/maps/app.js.map'), 'utf8')).toBe('{}');
    expect((await stat(join(out, 'dist/tool'))).mode & 0o777).toBe(0o755);
    expect(await readlink(join(out, 'dist/latest.js'))).toBe('app.js');
  });
});
