import type { Store } from '@ritmo/store';
import type { SecretCrypto } from './create-secret-crypto.js';

/** One project secret's value (e.g. a webhook's signing secret), or undefined when the project has none by that name. */
export async function readProjectSecret(deps: { store: Pick<Store, 'secrets'>; crypto: SecretCrypto }, projectId: string, name: string): Promise<string | undefined> {
  const secret = await deps.store.secrets.findSecret(projectId, name);
  return secret && deps.crypto.decrypt(secret);
}
