import type { Readable } from 'node:stream';
import { toError } from '@ritmo/shared';

/**
 * Reads a stream to its end with backpressure. Once `abandoned` is aborted, the stream may be
 * destroyed on purpose (a writer lingered after the step ended): the read then just ends.
 */
export async function* readChunks(stream: Readable, abandoned: AbortSignal): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
  } catch (e: unknown) {
    if (!abandoned.aborted) throw toError(e);
  }
}
