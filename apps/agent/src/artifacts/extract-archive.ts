import { createWriteStream } from 'node:fs';
import { link, lstat, mkdir, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { unsafeEntry, type ArchiveLimits } from '@ritmo/protocol';
import { toError } from '@ritmo/shared';
import { readArchiveEntries } from './read-archive-entries.js';

const code = (e: unknown): string | undefined => (toError(e) as NodeJS.ErrnoException).code;

/**
 * Creates the directories of `parts` under `root` one by one. Each one that exists must be a real
 * directory: a symlink there (from the archive, or already in the workspace) is never followed.
 */
async function ensureDirs(root: string, parts: readonly string[], entryPath: string): Promise<void> {
  let current = root;
  for (const part of parts) {
    current = join(current, part);
    const info = await lstat(current).catch((e: unknown) => {
      if (code(e) === 'ENOENT') return undefined;
      throw toError(e);
    });
    if (info === undefined) {
      await mkdir(current, { mode: 0o755 });
    } else if (!info.isDirectory()) {
      throw unsafeEntry(entryPath, 'below-symlink', `${current.slice(root.length + 1)} exists and is not a directory`);
    }
  }
}

/** Removes what is at `path` (not a directory) so the entry is created fresh, never written through a link. */
async function clear(path: string, entryPath: string): Promise<void> {
  const info = await lstat(path).catch(() => undefined);
  if (info?.isDirectory()) throw unsafeEntry(entryPath, 'replaces-link', 'a directory is in the way');
  if (info) await rm(path, { force: true });
}

/**
 * Extracts a tar.gz stream into `root`, refusing unsafe archives (see readArchiveEntries) and never
 * writing outside `root`: directories are created component by component and must be real
 * directories, files are created exclusively after removing what was there, links are created as
 * links and never followed. Returns the number of files and links written.
 */
export async function extractArchive(source: Readable, root: string, limits: ArchiveLimits, signal?: AbortSignal): Promise<number> {
  await mkdir(root, { recursive: true });
  let written = 0;
  await readArchiveEntries(
    source,
    limits,
    async (entry, content) => {
      const parts = entry.path.split('/');
      const target = join(root, ...parts);
      if (entry.type === 'directory') {
        await ensureDirs(root, parts, entry.path);
        return;
      }
      await ensureDirs(root, parts.slice(0, -1), entry.path);
      await clear(target, entry.path);
      if (entry.type === 'file') {
        await pipeline(content, createWriteStream(target, { flags: 'wx', mode: entry.mode }));
      } else if (entry.type === 'symlink') {
        await symlink(entry.target ?? '', target);
      } else {
        const from = join(root, ...(entry.target ?? '').split('/'));
        if (!(await lstat(from)).isFile()) throw unsafeEntry(entry.path, 'hardlink-target', 'its target is not a regular file');
        await link(from, target);
      }
      written += 1;
    },
    signal,
  );
  return written;
}
