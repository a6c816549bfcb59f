import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ArchiveLimits } from '@ritmo/protocol';
import { RitmoError } from '@ritmo/shared';
import { readArchive } from './read-archive.js';

/**
 * The contents of one regular file of a tar.gz stream, found by its normalized path. Resolves once
 * the file's entry is reached; the archive is read no further than the end of that entry.
 */
export function openArchiveFile(source: Readable, path: string, limits: ArchiveLimits, signal?: AbortSignal): Promise<Readable> {
  return new Promise((resolve, reject) => {
    const out = new PassThrough();
    const done = new AbortController();
    let found = false;
    readArchive(
      source,
      limits,
      async (entry, content) => {
        if (found || entry.path !== path || entry.type !== 'file') return;
        found = true;
        resolve(out);
        await pipeline(content, out);
        done.abort();
      },
      signal ? AbortSignal.any([signal, done.signal]) : done.signal,
    ).then(
      () => {
        if (!found) reject(new RitmoError('ERR_ARTIFACT_FILE_NOT_FOUND', `the archive has no file ${path}`, { details: { path } }));
      },
      (e: unknown) => {
        if (done.signal.aborted) return;
        if (found) out.destroy(e as Error);
        else reject(e);
      },
    );
  });
}
