import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets without leaking, through timing, where they differ or how long the expected one
 * is: both sides are hashed to 32 bytes first, then compared with timingSafeEqual.
 */
export function constantTimeEqual(actual: string | Buffer, expected: string | Buffer): boolean {
  const a = createHash('sha256').update(actual).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && Buffer.byteLength(actual) === Buffer.byteLength(expected);
}
