import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';

/** A webhook body as received: the exact bytes (signatures are over them), or the fact it was too large. */
export type RawBody = { tooLarge: false; bytes: Buffer } | { tooLarge: true; bytes: null };

/**
 * A content-type parser (for every type) that keeps the raw bytes. A body over `limit` is not read
 * further: the route records the delivery and answers 413 without computing any signature.
 */
export function createRawBodyParser(limit: number) {
  return (request: FastifyRequest, payload: Readable, done: (err: Error | null, body?: RawBody) => void): void => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      done(null, { tooLarge: true, bytes: null });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (body: RawBody): void => {
      if (settled) return;
      settled = true;
      payload.removeListener('data', onData);
      done(null, body);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) settle({ tooLarge: true, bytes: null });
      else chunks.push(chunk);
    };
    payload.on('data', onData);
    payload.on('end', () => settle({ tooLarge: false, bytes: Buffer.concat(chunks) }));
    payload.on('error', (e: Error) => {
      if (settled) return;
      settled = true;
      done(e);
    });
  };
}

/** The raw body of a request parsed by createRawBodyParser (empty when there was none). */
export function rawBodyOf(body: unknown): RawBody {
  if (body && typeof body === 'object' && 'tooLarge' in body) return body as RawBody;
  return { tooLarge: false, bytes: Buffer.alloc(0) };
}
