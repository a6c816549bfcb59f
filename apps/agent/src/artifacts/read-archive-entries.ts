import { Transform, type Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { createEntryChecker, createTarBlockScanner, type ArchiveLimits, type SafeEntry } from '@ritmo/protocol';
import { isRitmoError, RitmoError, toError } from '@ritmo/shared';

/** Feeds every decompressed byte through the block scanner before the tar parser sees it. */
function scannerStream(limits: ArchiveLimits): Transform {
  const scanner = createTarBlockScanner(limits);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        scanner.push(chunk);
        callback(null, chunk);
      } catch (e: unknown) {
        callback(toError(e));
      }
    },
    flush(callback) {
      try {
        scanner.end();
        callback();
      } catch (e: unknown) {
        callback(toError(e));
      }
    },
  });
}

/**
 * Reads a tar.gz stream entry by entry, each checked by the archive rules of @ritmo/protocol (paths,
 * links, device files, entry count, sizes) before `visit` sees it; `visit` must read or leave the
 * content (it is drained). The first violation ends the read with its ERR_ARTIFACT_* error.
 */
export async function readArchiveEntries(source: Readable, limits: ArchiveLimits, visit: (entry: SafeEntry, content: Readable) => Promise<void>, signal?: AbortSignal): Promise<void> {
  const checker = createEntryChecker(limits);
  const extract = tar.extract();
  extract.on('entry', (header, content, next) => {
    let entry: SafeEntry;
    try {
      entry = checker.check({ name: header.name, type: header.type ?? 'unknown', linkname: header.linkname, size: header.size, mode: header.mode });
    } catch (e: unknown) {
      content.resume();
      extract.destroy(toError(e));
      return;
    }
    const drained = finished(content).catch(() => undefined);
    visit(entry, content).then(
      async () => {
        content.resume();
        await drained;
        next();
      },
      (e: unknown) => {
        content.resume();
        extract.destroy(toError(e));
      },
    );
  });
  try {
    await pipeline(source, createGunzip(), scannerStream(limits), extract as unknown as NodeJS.WritableStream, signal ? { signal } : {});
  } catch (e: unknown) {
    const error = toError(e);
    if (isRitmoError(error) || error.name === 'AbortError') throw error;
    throw new RitmoError('ERR_ARTIFACT_ARCHIVE_INVALID', `the archive is not a valid tar.gz: ${error.message}`, { cause: error });
  }
}
