import { RitmoError } from '@ritmo/shared';

export const SECRET_KEY_BYTES = 32;

const HEX = /^[0-9a-fA-F]{64}$/;
// Standard or URL-safe alphabet; 32 bytes are 43 characters plus one optional "=".
const BASE64 = /^[A-Za-z0-9+/_-]{43}=?$/;

/**
 * The 32-byte key written as 64 hex characters or as base64 (standard or URL-safe). Anything else
 * is ERR_SECRET_KEY_INVALID naming `source` (the variable or the file the text came from); the
 * message never repeats the text itself.
 */
export function parseSecretKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  if (HEX.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (BASE64.test(trimmed)) {
    const key = Buffer.from(trimmed.replaceAll('-', '+').replaceAll('_', '/'), 'base64');
    if (key.length === SECRET_KEY_BYTES) return key;
  }
  throw new RitmoError('ERR_SECRET_KEY_INVALID', `${source} must be ${SECRET_KEY_BYTES} bytes written as 64 hex characters or as base64 (${trimmed.length} characters given)`, {
    details: { source },
    suggestions: ['generate one with: openssl rand -hex 32'],
  });
}
