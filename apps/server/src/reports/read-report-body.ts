import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { RitmoError, toError } from '@ritmo/shared';

/** A byte counter that fails the stream once more than `limit` bytes passed through it. */
function capped(limit: number, what: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) callback(new RitmoError('ERR_REPORT_TOO_LARGE', `the report is larger than ${limit} bytes (${what})`, { details: { limit } }));
      else callback(null, chunk);
    },
  });
}

/**
 * The text of a gzip-compressed report body, read as a stream and refused as soon as it passes
 * `maxBytes` (compressed or decompressed), so a gzip bomb never reaches memory.
 */
export async function readReportBody(body: Readable, maxBytes: number, signal?: AbortSignal): Promise<string> {
  const chunks: Buffer[] = [];
  const collect = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  try {
    await pipeline(body, capped(maxBytes, 'compressed'), createGunzip(), capped(maxBytes, 'decompressed'), collect, signal ? { signal } : {});
  } catch (e: unknown) {
    const error = toError(e);
    if (error instanceof RitmoError) throw error;
    if ((error as { code?: string }).code?.startsWith('Z_')) throw new RitmoError('ERR_REPORT_INVALID', `the report body is not valid gzip data: ${error.message}`, { details: { line: null } });
    throw error;
  }
  return Buffer.concat(chunks).toString('utf8');
}
