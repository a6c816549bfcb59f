import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { RitmoError, toError } from '@ritmo/shared';
import { SECRET_KEY_BYTES } from './parse-secret-key.js';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Where a value belongs; bound into the ciphertext as additional authenticated data. */
export interface SecretRef {
  projectId: string;
  name: string;
}

/** A value as stored: the ciphertext (with the GCM tag appended), its nonce and the key's id. */
export interface EncryptedSecret {
  ciphertext: Buffer;
  nonce: Buffer;
  keyId: string | null;
}

export interface SecretCrypto {
  /** Id of the key: stored with each value, so a later key rotation knows which key wrote what. */
  readonly keyId: string;
  encrypt(ref: SecretRef, value: string): EncryptedSecret & { keyId: string };
  /** The plaintext; ERR_SECRET_KEY_MISMATCH for another key's value, ERR_SECRET_DECRYPT_FAILED when authentication fails. */
  decrypt(stored: SecretRef & EncryptedSecret): string;
}

/** A short public id of a key (a hash; it reveals nothing usable about the key). */
export function secretKeyId(key: Buffer): string {
  return createHash('sha256').update('ritmo secret key id\n').update(key).digest('hex').slice(0, 16);
}

/** Project id and name, so a ciphertext copied to another project or name fails to decrypt. */
function additionalData(ref: SecretRef): Buffer {
  return Buffer.from(`ritmo-secret-v1\0${ref.projectId}\0${ref.name}`, 'utf8');
}

/**
 * AES-256-GCM for project secrets: a random 12-byte nonce per value, and the project id and secret
 * name as additional authenticated data.
 */
export function createSecretCrypto(key: Buffer): SecretCrypto {
  if (key.length !== SECRET_KEY_BYTES) {
    throw new RitmoError('ERR_SECRET_KEY_INVALID', `a secret key must be ${SECRET_KEY_BYTES} bytes, not ${key.length}`);
  }
  const keyId = secretKeyId(key);
  return {
    keyId,
    encrypt(ref, value) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
      cipher.setAAD(additionalData(ref));
      const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return { ciphertext, nonce, keyId };
    },
    decrypt(stored) {
      const where = { projectId: stored.projectId, name: stored.name };
      if (stored.keyId !== null && stored.keyId !== keyId) {
        throw new RitmoError('ERR_SECRET_KEY_MISMATCH', `secret ${stored.name} was encrypted with key ${stored.keyId}; this server's key is ${keyId}`, {
          details: { ...where, keyId: stored.keyId, serverKeyId: keyId },
          suggestions: ['start the server with the RITMO_SECRET_KEY (or secret.key file) that wrote the secret', 'or set the secret again'],
        });
      }
      const failed = (cause?: unknown) =>
        new RitmoError('ERR_SECRET_DECRYPT_FAILED', `secret ${stored.name} failed authentication: it was altered or does not belong here`, { details: where, cause });
      if (stored.nonce.length !== NONCE_BYTES || stored.ciphertext.length < TAG_BYTES) throw failed();
      const body = stored.ciphertext.subarray(0, stored.ciphertext.length - TAG_BYTES);
      const tag = stored.ciphertext.subarray(stored.ciphertext.length - TAG_BYTES);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, stored.nonce, { authTagLength: TAG_BYTES });
        decipher.setAAD(additionalData(stored));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch (e: unknown) {
        throw failed(toError(e));
      }
    },
  };
}
