import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { STORE_KINDS, useTestStore } from '../testing/test-stores.js';
import { createTestProject } from '../testing/test-plan.js';

describe.each(STORE_KINDS)('secrets repository on %s', (kind) => {
  const t = useTestStore(kind);

  it('stores ciphertext and nonce byte for byte, unique per project and name', async () => {
    const project = await createTestProject(t.store);
    const ciphertext = randomBytes(48);
    const nonce = randomBytes(12);
    const secret = await t.store.secrets.createSecret({ projectId: project.id, name: 'NPM_TOKEN', ciphertext, nonce });

    const read = await t.store.secrets.getSecret(project.id, 'NPM_TOKEN');
    expect(Buffer.compare(read.ciphertext, ciphertext)).toBe(0);
    expect(Buffer.compare(read.nonce, nonce)).toBe(0);
    expect(read.id).toBe(secret.id);
    await expect(t.store.secrets.createSecret({ projectId: project.id, name: 'NPM_TOKEN', ciphertext, nonce })).rejects.toMatchObject({
      code: 'ERR_STORE_ALREADY_EXISTS',
    });
    const other = await createTestProject(t.store);
    await t.store.secrets.createSecret({ projectId: other.id, name: 'NPM_TOKEN', ciphertext, nonce });
  });

  it('puts (creates or replaces), updates, lists names only and deletes', async () => {
    const project = await createTestProject(t.store);
    const first = await t.store.secrets.putSecret({ projectId: project.id, name: 'B', ciphertext: Buffer.from([1]), nonce: Buffer.from([1]) });
    const again = await t.store.secrets.putSecret({ projectId: project.id, name: 'B', ciphertext: Buffer.from([2]), nonce: Buffer.from([2]) });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.secret.id).toBe(first.secret.id);
    expect([...again.secret.ciphertext]).toEqual([2]);

    await t.store.secrets.createSecret({ projectId: project.id, name: 'A', ciphertext: Buffer.from([3]), nonce: Buffer.from([3]) });
    await t.store.secrets.updateSecret(project.id, 'A', { ciphertext: Buffer.from([4]), nonce: Buffer.from([4]) });
    expect([...(await t.store.secrets.getSecret(project.id, 'A')).ciphertext]).toEqual([4]);

    const listed = await t.store.secrets.listSecrets(project.id);
    expect(listed.items.map((s) => s.name)).toEqual(['A', 'B']);
    expect(listed.items[0]).not.toHaveProperty('ciphertext');
    expect((await t.store.secrets.findSecrets(project.id, ['B', 'MISSING'])).map((s) => s.name)).toEqual(['B']);
    expect(await t.store.secrets.findSecrets(project.id, [])).toEqual([]);

    await t.store.secrets.deleteSecret(project.id, 'A');
    await expect(t.store.secrets.getSecret(project.id, 'A')).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
    await expect(t.store.secrets.updateSecret(project.id, 'A', { ciphertext: Buffer.from([]), nonce: Buffer.from([]) })).rejects.toMatchObject({
      code: 'ERR_STORE_NOT_FOUND',
    });
  });

  it('keeps the id of the key that encrypted each value', async () => {
    const project = await createTestProject(t.store);
    const bytes = Buffer.from([1, 2, 3, 4]);
    const created = await t.store.secrets.createSecret({ projectId: project.id, name: 'OLD', ciphertext: bytes, nonce: bytes });
    expect(created.keyId).toBeNull();
    const put = await t.store.secrets.putSecret({ projectId: project.id, name: 'NEW', ciphertext: bytes, nonce: bytes, keyId: 'k1' });
    expect(put.secret.keyId).toBe('k1');
    const replaced = await t.store.secrets.putSecret({ projectId: project.id, name: 'NEW', ciphertext: bytes, nonce: bytes, keyId: 'k2' });
    expect(replaced.secret.keyId).toBe('k2');
    expect((await t.store.secrets.updateSecret(project.id, 'OLD', { ciphertext: bytes, nonce: bytes, keyId: 'k2' })).keyId).toBe('k2');
    const listed = await t.store.secrets.listSecrets(project.id);
    expect(listed.items.map((s) => [s.name, s.keyId])).toEqual([
      ['NEW', 'k2'],
      ['OLD', 'k2'],
    ]);
  });
});
