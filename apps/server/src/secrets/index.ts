// Project secrets: the key, AES-256-GCM at rest, the rules for names and values, and what jobs receive.
export { createSecretCrypto, secretKeyId, type EncryptedSecret, type SecretCrypto, type SecretRef } from './create-secret-crypto.js';
export { loadSecretKey, SECRET_KEY_FILE } from './load-secret-key.js';
export { parseSecretKey, SECRET_KEY_BYTES } from './parse-secret-key.js';
export { checkSecretName, SECRET_NAME_MAX_LENGTH, SECRET_NAME_PATTERN } from './check-secret-name.js';
export { checkSecretValue, SECRET_VALUE_MAX_BYTES, SECRET_VALUE_MIN_LENGTH } from './check-secret-value.js';
export { mayReceiveSecrets, resolveJobSecrets, type ResolveJobSecretsInput } from './resolve-job-secrets.js';
export { readProjectSecret } from './read-project-secret.js';
export { createSecretReader } from './create-secret-reader.js';
export { createSecretCryptoLoader } from './create-secret-crypto-loader.js';
