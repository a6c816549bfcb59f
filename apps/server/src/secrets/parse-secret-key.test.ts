import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSecretKey } from './parse-secret-key.js';

describe('parseSecretKey', () => {
  const key = randomBytes(32);

  it('reads 32 bytes written as hex, base64 or base64url, ignoring surrounding whitespace', () => {
    for (const text of [key.toString('hex'), key.toString('hex').toUpperCase(), key.toString('base64'), key.toString('base64url'), ` ${key.toString('hex')}\n`]) {
      expect(parseSecretKey(text, 'RITMO_SECRET_KEY').equals(key)).toBe(true);
    }
  });

  it('rejects anything else, naming the source and never echoing the text', () => {
    const bad = ['', 'password', key.toString('hex').slice(2), `${key.toString('hex')}00`, randomBytes(31).toString('base64'), randomBytes(33).toString('base64'), `${key.toString('hex').slice(1)}g`];
    for (const text of bad) {
      try {
        parseSecretKey(text, 'RITMO_SECRET_KEY');
        expect.unreachable(text);
      } catch (e: unknown) {
        expect(e).toMatchObject({ code: 'ERR_SECRET_KEY_INVALID' });
        expect((e as Error).message).toContain('RITMO_SECRET_KEY');
        if (text.length > 4) expect((e as Error).message).not.toContain(text);
      }
    }
  });
});
