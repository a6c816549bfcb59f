import { RitmoError } from '@ritmo/shared';
import type { ArchiveLimits } from './archive-limits.js';
import { archivePathParts, unsafeEntry } from './check-archive-path.js';

/** A tar entry's header as a tar reader hands it over. */
export interface ArchiveEntryHeader {
  name: string;
  /** `file`, `directory`, `symlink`, `link` (hard link); anything else (or none) is refused. */
  type: string | null | undefined;
  linkname?: string | null | undefined;
  size?: number | null | undefined;
  mode?: number | null | undefined;
}

/** An entry that passed every check: its path is relative to the root and stays in it. */
export interface SafeEntry {
  /** Normalized, `/`-separated, without `.` or empty components. */
  path: string;
  type: 'file' | 'directory' | 'symlink' | 'link';
  size: number;
  /** 0o755 for executables, else 0o644 (directories 0o755); other bits are dropped. */
  mode: number;
  /** Symlinks: the target as written (relative, stays in the root). Hard links: the root-relative path of an earlier file. */
  target?: string;
}

const KINDS = new Set(['file', 'directory', 'symlink', 'link']);

/**
 * Checks the entries of one archive in order, remembering what came before: symlinks (nothing may
 * be written below one, no link may resolve through one), files (the only valid hard link targets),
 * the entry count and the declared content bytes. Throws the first violation.
 */
export function createEntryChecker(limits: ArchiveLimits) {
  const symlinks = new Set<string>();
  const files = new Set<string>();
  let entries = 0;
  let bytes = 0;

  const underSymlink = (parts: readonly string[], upTo: number): string | undefined => {
    for (let i = 1; i <= upTo; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (symlinks.has(prefix)) return prefix;
    }
    return undefined;
  };

  const checkSymlinkTarget = (path: string, parts: readonly string[], target: string): void => {
    if (target.includes('\u0000')) throw unsafeEntry(path, 'nul', 'its link target contains a NUL character');
    if (target.includes('\\')) throw unsafeEntry(path, 'backslash', 'its link target contains a backslash');
    if (target.startsWith('/') || /^[A-Za-z]:/.test(target)) throw unsafeEntry(path, 'link-escapes-root', `it links to the absolute path ${target}`);
    if (target === '') throw unsafeEntry(path, 'empty', 'its link target is empty');
    const resolved = parts.slice(0, -1);
    for (const part of target.split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..') {
        if (resolved.length === 0) throw unsafeEntry(path, 'link-escapes-root', `its target ${target} points outside the root`);
        resolved.pop();
        continue;
      }
      resolved.push(part);
      if (symlinks.has(resolved.join('/'))) throw unsafeEntry(path, 'link-through-link', `its target ${target} goes through another symlink`);
    }
  };

  return {
    check(header: ArchiveEntryHeader): SafeEntry {
      const raw = header.name;
      entries += 1;
      if (entries > limits.maxEntries) {
        throw new RitmoError('ERR_ARTIFACT_TOO_MANY_ENTRIES', `the archive has more than ${limits.maxEntries} entries`, { details: { limit: limits.maxEntries } });
      }
      const type = header.type ?? 'unknown';
      if (!KINDS.has(type)) throw unsafeEntry(raw, 'special-file', `it is a ${type}; only files, directories and links are allowed`);
      const parts = archivePathParts(raw, limits.maxPathBytes);
      const path = parts.join('/');
      const above = underSymlink(parts, parts.length - 1);
      if (above !== undefined) throw unsafeEntry(raw, 'below-symlink', `it lies below the symlink ${above}`);
      if (symlinks.has(path)) throw unsafeEntry(raw, 'replaces-link', 'it replaces an earlier symlink');
      const size = type === 'file' ? Math.max(0, header.size ?? 0) : 0;
      bytes += size;
      if (bytes > limits.maxBytes) {
        throw new RitmoError('ERR_ARTIFACT_TOO_LARGE', `the archive's files add up to more than ${limits.maxBytes} bytes`, { details: { limit: 'maxBytes', bytes: limits.maxBytes } });
      }
      const executable = ((header.mode ?? 0) & 0o111) !== 0;
      const mode = type === 'directory' || executable ? 0o755 : 0o644;
      if (type === 'symlink') {
        const target = header.linkname ?? '';
        if (new TextEncoder().encode(target).length > limits.maxPathBytes) throw unsafeEntry(raw, 'too-long', 'its link target is too long');
        checkSymlinkTarget(raw, parts, target);
        symlinks.add(path);
        files.delete(path);
        return { path, type, size: 0, mode: 0o777, target };
      }
      if (type === 'link') {
        let targetParts: string[];
        try {
          targetParts = archivePathParts(header.linkname ?? '', limits.maxPathBytes);
        } catch {
          throw unsafeEntry(raw, 'link-escapes-root', `its hard link target ${header.linkname ?? ''} is not a path in the root`);
        }
        const target = targetParts.join('/');
        if (!files.has(target)) throw unsafeEntry(raw, 'hardlink-target', `its hard link target ${target} is not an earlier regular file of the archive`);
        files.add(path);
        return { path, type, size: 0, mode, target };
      }
      if (type === 'file') files.add(path);
      return { path, type: type as 'file' | 'directory', size, mode };
    },
    get entries() {
      return entries;
    },
  };
}

export type EntryChecker = ReturnType<typeof createEntryChecker>;
