import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Characters of a token kept in clear (its prefix) to find it and to show it in listings. */
export const TOKEN_PREFIX_LENGTH = 14;

/** A random secret `<kind>_<40 base62 characters>` (~238 bits), e.g. `ritmo_…` for API tokens. */
export function generateToken(kind: string): string {
  const bytes = randomBytes(40);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return `${kind}_${out}`;
}

export function tokenPrefix(token: string): string {
  return token.slice(0, TOKEN_PREFIX_LENGTH);
}

/** Tokens are long random strings, so a plain sha256 is enough to store them (no stretching needed). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
