import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { ArchiveLimits } from '@ritmo/protocol';
import type { ArtifactFileEntry } from '@ritmo/store';
import { readArchive } from './read-archive.js';

/** The file list of a tar.gz stream (files with their sha256, and links), checked entry by entry. */
export async function inspectArchive(source: Readable, limits: ArchiveLimits, signal?: AbortSignal): Promise<ArtifactFileEntry[]> {
  const files = new Map<string, ArtifactFileEntry>();
  await readArchive(
    source,
    limits,
    async (entry, content) => {
      if (entry.type === 'directory') return;
      if (entry.type !== 'file') {
        files.set(entry.path, { path: entry.path, type: entry.type, size: 0, digest: null, target: entry.target ?? '' });
        return;
      }
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of content) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
      files.set(entry.path, { path: entry.path, type: 'file', size, digest: `sha256:${hash.digest('hex')}` });
    },
    signal,
  );
  return [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
