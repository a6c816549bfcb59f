import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ArchiveLimits } from '@ritmo/protocol';
import { RitmoError, toError } from '@ritmo/shared';
import type { ArtifactFileEntry } from '@ritmo/store';
import { inspectArchive } from './inspect-archive.js';

export interface ReceivedArchive {
  /** A temp file holding the archive; the caller moves it into the blob store or removes it. */
  path: string;
  size: number;
  digest: string;
  files: ArtifactFileEntry[];
}

/**
 * Takes an uploaded tar.gz: spools it to a temp file while hashing it (refused past
 * `maxCompressedBytes`), checks it has the digest the uploader declared, then reads it through
 * every archive check to list its files. Nothing is kept when any step fails.
 */
export async function receiveArchive(input: { body: Readable; tmpDir: string; limits: ArchiveLimits; digest: string; signal?: AbortSignal }): Promise<ReceivedArchive> {
  const { limits } = input;
  await mkdir(input.tmpDir, { recursive: true });
  const path = join(input.tmpDir, `upload-${randomBytes(12).toString('hex')}`);
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > limits.maxCompressedBytes) {
        callback(new RitmoError('ERR_ARTIFACT_TOO_LARGE', `the upload is larger than ${limits.maxCompressedBytes} bytes`, { details: { limit: 'maxCompressedBytes', bytes: limits.maxCompressedBytes } }));
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(input.body, meter, createWriteStream(path, { mode: 0o600 }), input.signal ? { signal: input.signal } : {});
    const digest = `sha256:${hash.digest('hex')}`;
    if (digest !== input.digest) {
      throw new RitmoError('ERR_ARTIFACT_DIGEST_MISMATCH', `the upload has digest ${digest}, not the declared ${input.digest}`, { details: { declared: input.digest, actual: digest } });
    }
    const files = await inspectArchive(createReadStream(path), limits, input.signal);
    return { path, size, digest, files };
  } catch (e: unknown) {
    await rm(path, { force: true });
    throw toError(e);
  }
}
