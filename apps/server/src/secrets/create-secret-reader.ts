import type { Store } from '@ritmo/store';
import type { SecretCrypto } from './create-secret-crypto.js';
import { readProjectSecret } from './read-project-secret.js';

/**
 * `(projectId, name) => value | undefined` for server-side uses of a project secret (webhook signing
 * secrets, repository credentials), over the server's lazily loaded SecretCrypto.
 */
export function createSecretReader(deps: { store: Pick<Store, 'secrets'>; secretCrypto: () => Promise<SecretCrypto> }) {
  return async (projectId: string, name: string): Promise<string | undefined> => readProjectSecret({ store: deps.store, crypto: await deps.secretCrypto() }, projectId, name);
}
