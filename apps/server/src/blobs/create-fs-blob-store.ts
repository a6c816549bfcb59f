import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { RitmoError, toError } from '@ritmo/shared';
import { blobNotFound, checkBlobKey, type BlobStore } from './blob-store.js';

const code = (e: unknown): string | undefined => (toError(e) as NodeJS.ErrnoException).code;

function failed(what: string, key: string, e: unknown): RitmoError {
  return new RitmoError('ERR_BLOB_STORE_FAILED', `could not ${what} blob ${key}: ${toError(e).message}`, { cause: e, details: { key } });
}

/**
 * Blobs as files under `root` (the data dir's `blobs/`). A put lands in a temp file first and is
 * renamed into place, so a reader never sees half a blob.
 */
export function createFsBlobStore(root: string): BlobStore {
  const pathOf = (key: string): string => join(root, ...checkBlobKey(key).split('/'));
  const tmpDir = join(root, '.tmp');
  return {
    kind: 'fs',
    async putFile(key, path) {
      const target = pathOf(key);
      const tmp = join(tmpDir, randomBytes(12).toString('hex'));
      try {
        await mkdir(tmpDir, { recursive: true });
        await mkdir(dirname(target), { recursive: true });
        try {
          await rename(path, tmp);
        } catch (e: unknown) {
          if (code(e) !== 'EXDEV') throw e;
          await copyFile(path, tmp);
        }
        await rename(tmp, target);
      } catch (e: unknown) {
        await rm(tmp, { force: true });
        throw failed('write', key, e);
      }
    },
    async get(key) {
      const path = pathOf(key);
      const stream = createReadStream(path);
      await new Promise<void>((resolve, reject) => {
        stream.once('open', () => resolve());
        stream.once('error', (e) => reject(code(e) === 'ENOENT' ? blobNotFound(key) : failed('read', key, e)));
      });
      return stream as Readable;
    },
    async stat(key) {
      try {
        return { size: (await stat(pathOf(key))).size };
      } catch (e: unknown) {
        if (code(e) === 'ENOENT') return undefined;
        throw failed('stat', key, e);
      }
    },
    async delete(key) {
      try {
        await rm(pathOf(key), { force: true });
      } catch (e: unknown) {
        throw failed('delete', key, e);
      }
    },
  };
}
