import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Store } from '@ritmo/store';
import { createTestProject, STORE_KINDS, testPlan, testPlanJob, useTestStore } from '@ritmo/store/testing';
import { createSecretCrypto } from './create-secret-crypto.js';
import { createSecretReader } from './create-secret-reader.js';
import { readProjectSecret } from './read-project-secret.js';
import { resolveJobSecrets } from './resolve-job-secrets.js';

describe.each(STORE_KINDS)('resolveJobSecrets (%s)', (kind) => {
  const t = useTestStore(kind);
  const crypto = createSecretCrypto(randomBytes(32));

  async function projectWithSecrets(store: Store, values: Record<string, string>) {
    const project = await createTestProject(store);
    for (const [name, value] of Object.entries(values)) {
      await store.secrets.putSecret({ projectId: project.id, name, ...crypto.encrypt({ projectId: project.id, name }, value) });
    }
    return project;
  }
  const newBuild = (projectId: string, trusted: boolean) =>
    t.store.builds.createBuild({ projectId, event: trusted ? 'push' : 'pull_request', trusted, plan: testPlan([testPlanJob('a')]) });

  it('gives a job of a trusted build exactly the secrets it references', async () => {
    const project = await projectWithSecrets(t.store, { DEPLOY_KEY: 'deploy-value', NPM_TOKEN: 'npm-value', UNUSED: 'never-sent' });
    const build = await newBuild(project.id, true);
    const job = testPlanJob('deploy', { secrets: ['DEPLOY_KEY', 'NPM_TOKEN', 'MISSING'] });
    expect(await resolveJobSecrets({ store: t.store, crypto, build, job })).toEqual({ DEPLOY_KEY: 'deploy-value', NPM_TOKEN: 'npm-value' });
    expect(await resolveJobSecrets({ store: t.store, crypto, build, job: testPlanJob('lint') })).toEqual({});
  });

  it('gives an untrusted build nothing until a maintainer approves it', async () => {
    const project = await projectWithSecrets(t.store, { DEPLOY_KEY: 'deploy-value' });
    const build = await newBuild(project.id, false);
    const job = testPlanJob('deploy', { secrets: ['DEPLOY_KEY'] });
    expect(await resolveJobSecrets({ store: t.store, crypto, build, job })).toEqual({});
    const approved = await t.store.builds.updateBuild(build.id, { secretsApprovedBy: 'u_maintainer', secretsApprovedAt: Date.now() });
    expect(await resolveJobSecrets({ store: t.store, crypto, build: approved, job })).toEqual({ DEPLOY_KEY: 'deploy-value' });
  });

  it('never hands out another project’s secrets, and fails loudly on a value it cannot decrypt', async () => {
    const mine = await projectWithSecrets(t.store, {});
    const theirs = await projectWithSecrets(t.store, { DEPLOY_KEY: 'their-value' });
    const build = await newBuild(mine.id, true);
    const job = testPlanJob('deploy', { secrets: ['DEPLOY_KEY'] });
    expect(await resolveJobSecrets({ store: t.store, crypto, build, job })).toEqual({});
    // A ciphertext copied from the other project does not decrypt here (the AAD binds it).
    const copied = await t.store.secrets.getSecret(theirs.id, 'DEPLOY_KEY');
    await t.store.secrets.putSecret({ projectId: mine.id, name: 'DEPLOY_KEY', ciphertext: copied.ciphertext, nonce: copied.nonce, keyId: copied.keyId });
    await expect(resolveJobSecrets({ store: t.store, crypto, build, job })).rejects.toMatchObject({ code: 'ERR_SECRET_DECRYPT_FAILED' });
  });

  it('reads one secret for server-side use (a webhook signing secret)', async () => {
    const project = await projectWithSecrets(t.store, { WEBHOOK_SECRET: 'hook-signing-secret' });
    expect(await readProjectSecret({ store: t.store, crypto }, project.id, 'WEBHOOK_SECRET')).toBe('hook-signing-secret');
    expect(await readProjectSecret({ store: t.store, crypto }, project.id, 'NOPE')).toBeUndefined();
    const read = createSecretReader({ store: t.store, secretCrypto: () => Promise.resolve(crypto) });
    expect(await read(project.id, 'WEBHOOK_SECRET')).toBe('hook-signing-secret');
  });
});
