import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretCrypto, secretKeyId } from './create-secret-crypto.js';

describe('createSecretCrypto', () => {
  const key = randomBytes(32);
  const crypto = createSecretCrypto(key);
  const ref = { projectId: 'p_one', name: 'NPM_TOKEN' };

  it('round-trips values with a fresh 12-byte nonce each time and the key id', () => {
    for (const value of ['hunter22', 'ünïcødé ✓ secret', 'line one\nline two\n', 'x'.repeat(65536)]) {
      const sealed = crypto.encrypt(ref, value);
      expect(sealed.nonce).toHaveLength(12);
      expect(sealed.keyId).toBe(secretKeyId(key));
      expect(sealed.ciphertext.includes(Buffer.from(value))).toBe(false);
      expect(crypto.decrypt({ ...ref, ...sealed })).toBe(value);
    }
    const a = crypto.encrypt(ref, 'same value');
    const b = crypto.encrypt(ref, 'same value');
    expect(a.nonce.equals(b.nonce)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
  });

  it('rejects a tampered ciphertext, tag or nonce', () => {
    const sealed = crypto.encrypt(ref, 'hunter22');
    const flip = (buf: Buffer, at: number) => {
      const copy = Buffer.from(buf);
      copy[at] = (copy[at] ?? 0) ^ 1;
      return copy;
    };
    const cases = [
      { ...sealed, ciphertext: flip(sealed.ciphertext, 0) },
      { ...sealed, ciphertext: flip(sealed.ciphertext, sealed.ciphertext.length - 1) },
      { ...sealed, ciphertext: sealed.ciphertext.subarray(0, 10) },
      { ...sealed, nonce: flip(sealed.nonce, 5) },
      { ...sealed, nonce: sealed.nonce.subarray(0, 8) },
    ];
    for (const tampered of cases) {
      expect(() => crypto.decrypt({ ...ref, ...tampered })).toThrow(expect.objectContaining({ code: 'ERR_SECRET_DECRYPT_FAILED' }));
    }
  });

  it('binds a value to its project and name (the additional authenticated data)', () => {
    const sealed = crypto.encrypt(ref, 'hunter22');
    expect(() => crypto.decrypt({ ...ref, projectId: 'p_two', ...sealed })).toThrow(expect.objectContaining({ code: 'ERR_SECRET_DECRYPT_FAILED' }));
    expect(() => crypto.decrypt({ ...ref, name: 'OTHER', ...sealed })).toThrow(expect.objectContaining({ code: 'ERR_SECRET_DECRYPT_FAILED' }));
  });

  it('rejects a value written with another key', () => {
    const sealed = crypto.encrypt(ref, 'hunter22');
    const other = createSecretCrypto(randomBytes(32));
    expect(other.keyId).not.toBe(crypto.keyId);
    expect(() => other.decrypt({ ...ref, ...sealed })).toThrow(expect.objectContaining({ code: 'ERR_SECRET_KEY_MISMATCH' }));
    // Without a key id to tell, the wrong key still fails authentication.
    expect(() => other.decrypt({ ...ref, ...sealed, keyId: null })).toThrow(expect.objectContaining({ code: 'ERR_SECRET_DECRYPT_FAILED' }));
    expect(crypto.decrypt({ ...ref, ...sealed, keyId: null })).toBe('hunter22');
  });

  it('needs a 32-byte key', () => {
    expect(() => createSecretCrypto(randomBytes(16))).toThrow(expect.objectContaining({ code: 'ERR_SECRET_KEY_INVALID' }));
  });
});
