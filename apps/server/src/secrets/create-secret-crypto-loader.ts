import { createSecretCrypto, type SecretCrypto } from './create-secret-crypto.js';
import { loadSecretKey } from './load-secret-key.js';

/**
 * Loads the secret key once, on first use, and hands out the same SecretCrypto afterwards. The
 * server calls it while getting ready, so a bad key or a key file with loose permissions stops the
 * start instead of the first request that needs a secret.
 */
export function createSecretCryptoLoader(options: { secretKey: string | undefined; dataDir: string }): () => Promise<SecretCrypto> {
  let loaded: Promise<SecretCrypto> | undefined;
  return () => (loaded ??= loadSecretKey(options).then(createSecretCrypto));
}
