import { createHash } from 'node:crypto';
import { RitmoError } from '@ritmo/shared';

export type CursorKey = string | number;

export interface Cursor {
  key: CursorKey;
  id: string;
}

const CHECK_BYTES = 6;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function check(body: string): Buffer {
  return createHash('sha256').update(body).digest().subarray(0, CHECK_BYTES);
}

/**
 * An opaque cursor: base64url of a short checksum plus `[listing, sortKey, id]`. The checksum is not a
 * secret (positions in a listing are not sensitive); it makes an edited or truncated cursor an error
 * instead of a silent jump to some other page.
 */
export function encodeCursor(listing: string, key: CursorKey, id: string): string {
  const body = JSON.stringify([listing, key, id]);
  return Buffer.concat([check(body), Buffer.from(body, 'utf8')]).toString('base64url');
}

function invalid(listing: string, why: string): RitmoError {
  return new RitmoError('ERR_STORE_INVALID_CURSOR', `invalid cursor for ${listing}: ${why}`, {
    details: { listing },
    suggestions: ['Start again without a cursor and follow the nextCursor values the listing returns.'],
  });
}

export function decodeCursor(listing: string, cursor: string, keyType: 'string' | 'number'): Cursor {
  if (!BASE64URL.test(cursor) || cursor.length > 2048) throw invalid(listing, 'not base64url');
  const raw = Buffer.from(cursor, 'base64url');
  if (raw.length <= CHECK_BYTES) throw invalid(listing, 'too short');
  const body = raw.subarray(CHECK_BYTES).toString('utf8');
  if (!check(body).equals(raw.subarray(0, CHECK_BYTES))) throw invalid(listing, 'checksum mismatch');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw invalid(listing, 'not JSON');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid(listing, 'wrong shape');
  const [name, key, id] = parsed as unknown[];
  if (name !== listing) throw invalid(listing, 'it belongs to another listing');
  const keyOk = keyType === 'number' ? typeof key === 'number' && Number.isFinite(key) : typeof key === 'string';
  if (!keyOk || typeof id !== 'string') throw invalid(listing, 'wrong field types');
  return { key: key as CursorKey, id };
}
