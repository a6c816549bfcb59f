import type { PlanJob } from '@ritmo/pipeline';
import type { Build, Store } from '@ritmo/store';
import type { SecretCrypto } from './create-secret-crypto.js';

export interface ResolveJobSecretsInput {
  store: Pick<Store, 'secrets'>;
  crypto: SecretCrypto;
  build: Pick<Build, 'projectId' | 'trusted' | 'secretsApprovedBy'>;
  job: Pick<PlanJob, 'secrets'>;
}

/** True when the build's jobs may receive secrets: it is trusted, or a maintainer approved it. */
export function mayReceiveSecrets(build: ResolveJobSecretsInput['build']): boolean {
  return build.trusted || build.secretsApprovedBy !== null;
}

/**
 * The decrypted values of the project secrets the job references (`job.secrets`), name -> value.
 * Untrusted builds (fork pull requests) get none unless a maintainer approved the build. Referenced
 * names the project does not have are left out. A value that fails to decrypt throws
 * (ERR_SECRET_KEY_MISMATCH or ERR_SECRET_DECRYPT_FAILED) rather than run the job without it.
 */
export async function resolveJobSecrets(input: ResolveJobSecretsInput): Promise<Record<string, string>> {
  const { build, job } = input;
  if (!mayReceiveSecrets(build) || job.secrets.length === 0) return {};
  const stored = await input.store.secrets.findSecrets(build.projectId, job.secrets);
  const values: Record<string, string> = {};
  for (const secret of stored) values[secret.name] = input.crypto.decrypt(secret);
  return values;
}
