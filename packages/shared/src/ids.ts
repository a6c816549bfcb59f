const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A 20-character id that sorts by creation time: 10 characters of milliseconds in base 32, then 10
 * random ones. `prefix` names the kind (`b_` for builds, `j_` for jobs ...).
 */
export function newId(prefix = '', now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(10));
  let rand = '';
  for (const b of bytes) rand += ALPHABET[b % 32];
  return prefix + time + rand;
}
