import { RitmoError } from '@ritmo/shared';

/** The runner refuses to mask shorter values, so none are stored. */
export const SECRET_VALUE_MIN_LENGTH = 4;
export const SECRET_VALUE_MAX_BYTES = 64 * 1024;

/**
 * Throws ERR_SECRET_VALUE_TOO_SHORT for values under 4 characters (surrounding whitespace not
 * counted: a log full of masked blanks would hide everything and protect nothing) and
 * ERR_SECRET_VALUE_TOO_LARGE for values over 64 KiB of UTF-8. The value never appears in the error.
 */
export function checkSecretValue(value: string): string {
  if (value.trim().length < SECRET_VALUE_MIN_LENGTH) {
    throw new RitmoError('ERR_SECRET_VALUE_TOO_SHORT', `a secret value must have at least ${SECRET_VALUE_MIN_LENGTH} characters besides surrounding whitespace`, {
      details: { minLength: SECRET_VALUE_MIN_LENGTH },
    });
  }
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > SECRET_VALUE_MAX_BYTES) {
    throw new RitmoError('ERR_SECRET_VALUE_TOO_LARGE', `a secret value must be at most ${SECRET_VALUE_MAX_BYTES} bytes; this one has ${bytes}`, {
      details: { maxBytes: SECRET_VALUE_MAX_BYTES, bytes },
    });
  }
  return value;
}
