import { Transform, type Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { createEntryChecker, createTarBlockScanner, type ArchiveLimits, type SafeEntry } from '@ritmo/protocol';
import { isRitmoError, RitmoError, toError } from '@ritmo/shared';

/** Called for each entry that passed the checks; `content` must be read (or left: it is drained). */
export type EntryVisitor = (entry: SafeEntry, content: Readable) => Promise<void>;

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
 * Reads a tar.gz stream and hands each entry to `visit`, refusing the archive at the first entry
 * that is not safe (see createEntryChecker) and as soon as a bound is crossed, before the bytes
 * behind it are read. Memory stays bounded: the parser never holds more than one header.
 */
export async function readArchive(source: Readable, limits: ArchiveLimits, visit: EntryVisitor, signal?: AbortSignal): Promise<void> {
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
