import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobStore } from './blob-store.js';
import { createBlobStore } from './create-blob-store.js';
import { createFsBlobStore } from './create-fs-blob-store.js';
import { createS3BlobStore } from './create-s3-blob-store.js';
import { startTestS3, type TestS3 } from './test-s3rver.js';

let dir = '';
let s3: TestS3;
const stores: Record<'fs' | 's3', () => BlobStore> = {
  fs: () => createFsBlobStore(join(dir, 'blobs')),
  s3: () => createS3BlobStore({ bucket: s3.bucket, endpoint: s3.endpoint, region: 'us-east-1', prefix: 'ritmo/', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }),
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ritmo-blobs-'));
  s3 = await startTestS3();
});
afterAll(async () => {
  await s3?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe.each(['fs', 's3'] as const)('%s blob store', (kind) => {
  const source = async (name: string, content: string): Promise<string> => {
    const path = join(dir, `${kind}-${name}`);
    await writeFile(path, content);
    return path;
  };

  it('stores, reads, sizes, replaces and deletes a blob by key', async () => {
    const store = stores[kind]();
    const key = `artifacts/p_1/a_${kind}`;
    await store.putFile(key, await source('one', 'first bytes'), 11);
    expect(await text(await store.get(key))).toBe('first bytes');
    expect(await store.stat(key)).toEqual({ size: 11 });
    await store.putFile(key, await source('two', 'second'), 6);
    expect(await text(await store.get(key))).toBe('second');
    await store.delete(key);
    expect(await store.stat(key)).toBeUndefined();
    await expect(store.get(key)).rejects.toMatchObject({ code: 'ERR_BLOB_NOT_FOUND' });
    await store.delete(key);
  });

  it('refuses keys that are not id segments, before touching storage', async () => {
    const store = stores[kind]();
    for (const key of ['../escape', '/abs', 'a/../b', 'a\\b', '', 'a//b', 'with space']) {
      await expect(store.get(key)).rejects.toMatchObject({ code: 'ERR_BLOB_INVALID_KEY' });
      await expect(store.putFile(key, await source('bad', 'x'), 1)).rejects.toMatchObject({ code: 'ERR_BLOB_INVALID_KEY' });
    }
  });
});

describe('blob store configuration', () => {
  it('puts filesystem blobs under <dataDir>/blobs and explains an incomplete S3 setup', async () => {
    const store = createBlobStore({ kind: 'fs' }, dir);
    await store.putFile('k/one', await (async () => {
      const p = join(dir, 'cfg-src');
      await writeFile(p, 'x');
      return p;
    })(), 1);
    expect(await readFile(join(dir, 'blobs', 'k', 'one'), 'utf8')).toBe('x');
    const s3Config = { kind: 's3' as const, bucket: undefined, endpoint: undefined, region: 'us-east-1', prefix: '', accessKeyId: undefined, secretAccessKey: undefined, forcePathStyle: false };
    expect(() => createBlobStore(s3Config, dir)).toThrow(expect.objectContaining({ code: 'ERR_BLOB_CONFIG_INVALID' }));
    expect(() => createBlobStore({ ...s3Config, bucket: 'b', accessKeyId: 'only-one' }, dir)).toThrow(expect.objectContaining({ code: 'ERR_BLOB_CONFIG_INVALID' }));
  });
});
