import { describe, expect, it } from 'vitest';
import { DEFAULT_ARCHIVE_LIMITS } from './archive-limits.js';
import { createEntryChecker, type ArchiveEntryHeader } from './create-entry-checker.js';

const file = (name: string, size = 1): ArchiveEntryHeader => ({ name, type: 'file', size });
const symlink = (name: string, linkname: string): ArchiveEntryHeader => ({ name, type: 'symlink', linkname });

function reasonOf(headers: ArchiveEntryHeader[], limits = DEFAULT_ARCHIVE_LIMITS): string | undefined {
  const checker = createEntryChecker(limits);
  try {
    for (const h of headers) checker.check(h);
    return undefined;
  } catch (e: unknown) {
    const error = e as { code: string; details?: { reason?: string } };
    return error.details?.reason ?? error.code;
  }
}

describe('createEntryChecker', () => {
  it('normalizes plain paths and keeps only the executable bit of modes', () => {
    const checker = createEntryChecker(DEFAULT_ARCHIVE_LIMITS);
    expect(checker.check({ name: './dist//app.js', type: 'file', size: 3, mode: 0o4755 })).toEqual({ path: 'dist/app.js', type: 'file', size: 3, mode: 0o755 });
    expect(checker.check({ name: 'dist/', type: 'directory', mode: 0o700 })).toMatchObject({ path: 'dist', type: 'directory', mode: 0o755 });
    expect(checker.check({ name: 'dist/a.txt', type: 'file', size: 1, mode: 0o600 })).toMatchObject({ mode: 0o644 });
    expect(checker.check(symlink('node_modules/.bin/tool', '../tool/cli.js'))).toMatchObject({ type: 'symlink', target: '../tool/cli.js' });
    expect(checker.check({ name: 'dist/copy.js', type: 'link', linkname: './dist/app.js' })).toMatchObject({ type: 'link', target: 'dist/app.js' });
  });

  it.each([
    ['a ".." component', [file('../evil')], 'dot-dot'],
    ['a ".." in the middle', [file('a/../../evil')], 'dot-dot'],
    ['an absolute path', [file('/etc/passwd')], 'absolute'],
    ['a drive letter', [file('C:evil')], 'absolute'],
    ['a backslash', [file('a\\..\\evil')], 'backslash'],
    ['a NUL', [file('a\u0000b')], 'nul'],
    ['only dots', [file('./.')], 'empty'],
    ['a character device', [{ name: 'dev/tty', type: 'character-device' }], 'special-file'],
    ['a block device', [{ name: 'dev/sda', type: 'block-device' }], 'special-file'],
    ['a fifo', [{ name: 'pipe', type: 'fifo' }], 'special-file'],
    ['a symlink to an absolute path', [symlink('etc', '/etc')], 'link-escapes-root'],
    ['a symlink climbing out', [symlink('a/up', '../../x')], 'link-escapes-root'],
    ['a symlink through another symlink', [symlink('x', '.'), symlink('y', 'x/..')], 'link-through-link'],
    ['a file written through a symlink', [symlink('out', 'inside'), file('out/evil')], 'below-symlink'],
    ['a symlink replaced by a file', [symlink('out', 'inside'), file('out')], 'replaces-link'],
    ['a hard link outside', [{ name: 'h', type: 'link', linkname: '../../etc/passwd' }], 'link-escapes-root'],
    ['a hard link to an absolute path', [{ name: 'h', type: 'link', linkname: '/etc/passwd' }], 'link-escapes-root'],
    ['a hard link to a later file', [{ name: 'h', type: 'link', linkname: 'later' }, file('later')], 'hardlink-target'],
    ['a hard link to a symlink', [symlink('s', 'f'), { name: 'h', type: 'link', linkname: 's' }], 'hardlink-target'],
  ])('refuses %s', (_what, headers, reason) => {
    expect(reasonOf(headers)).toBe(reason);
  });

  it('bounds the entry count and the declared bytes', () => {
    const limits = { ...DEFAULT_ARCHIVE_LIMITS, maxEntries: 3, maxBytes: 10 };
    expect(reasonOf([file('a'), file('b'), file('c')], limits)).toBeUndefined();
    expect(reasonOf([file('a'), file('b'), file('c'), file('d')], limits)).toBe('ERR_ARTIFACT_TOO_MANY_ENTRIES');
    expect(reasonOf([file('a', 6), file('b', 5)], limits)).toBe('ERR_ARTIFACT_TOO_LARGE');
  });
});
