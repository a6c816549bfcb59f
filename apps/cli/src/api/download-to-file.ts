import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isErrorCode, RitmoError, toError } from '@ritmo/shared';
import type { ApiClientOptions } from './create-api-client.js';

/** The header the server sends with the sha256 of what it sends. */
const DIGEST_HEADER = 'x-ritmo-digest';

/**
 * Downloads `path` under the server URL into the file `out`, computing its sha256 on the way. When
 * the server names a digest, a download that does not match it is removed and refused
 * (ERR_ARTIFACT_DIGEST_MISMATCH). Resolves with the digest and size.
 */
export async function downloadToFile(options: ApiClientOptions, path: string, out: string): Promise<{ digest: string; size: number }> {
  const url = `${options.serverUrl.replace(/\/+$/, '')}${path}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${options.token}` }, ...(options.signal ? { signal: options.signal } : {}) });
  } catch (e: unknown) {
    throw new RitmoError('ERR_CLI_SERVER_UNREACHABLE', `cannot reach the Ritmo server at ${options.serverUrl}: ${toError(toError(e).cause ?? e).message}`, { cause: e });
  }
  if (!response.ok || response.body === null) {
    const text = await response.text();
    let envelope: { error?: string; message?: string } = {};
    try {
      envelope = JSON.parse(text) as typeof envelope;
    } catch {
      // Not the API's JSON.
    }
    if (typeof envelope.error === 'string' && isErrorCode(envelope.error) && typeof envelope.message === 'string') throw new RitmoError(envelope.error, envelope.message);
    throw new RitmoError('ERR_CLI_SERVER_RESPONSE', `GET ${url} answered ${response.status}`, { details: { body: text.slice(0, 200) } });
  }
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _e, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  const partial = `${out}.partial`;
  try {
    await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), meter, createWriteStream(partial));
    const digest = `sha256:${hash.digest('hex')}`;
    const expected = response.headers.get(DIGEST_HEADER);
    if (expected !== null && expected !== digest) {
      throw new RitmoError('ERR_ARTIFACT_DIGEST_MISMATCH', `the download has digest ${digest}, not the ${expected} the server recorded`);
    }
    await rename(partial, out);
    return { digest, size };
  } finally {
    await rm(partial, { force: true });
  }
}
