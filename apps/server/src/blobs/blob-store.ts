import type { Readable } from 'node:stream';
import { RitmoError } from '@ritmo/shared';

/**
 * Where artifact and cache archives live. Keys are made by the server from ids
 * (`artifacts/<project>/<artifact>`), never from anything a request names.
 */
export interface BlobStore {
  readonly kind: 'fs' | 's3';
  /** Stores the file at `path` (`size` bytes) under `key`, replacing what was there; the file may be moved away. */
  putFile(key: string, path: string, size: number, signal?: AbortSignal): Promise<void>;
  /** The blob's bytes; ERR_BLOB_NOT_FOUND when there is none. */
  get(key: string, signal?: AbortSignal): Promise<Readable>;
  /** Its size, or undefined when there is none. */
  stat(key: string): Promise<{ size: number } | undefined>;
  /** Removes the blob; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
}

const KEY = /^[A-Za-z0-9_-]{1,128}(\/[A-Za-z0-9_-]{1,128}){0,7}$/;

/** Throws ERR_BLOB_INVALID_KEY unless `key` is id segments joined by `/`. */
export function checkBlobKey(key: string): string {
  if (!KEY.test(key)) throw new RitmoError('ERR_BLOB_INVALID_KEY', `"${key.slice(0, 100)}" is not a blob key`);
  return key;
}

export function blobNotFound(key: string): RitmoError {
  return new RitmoError('ERR_BLOB_NOT_FOUND', `no blob ${key}`, { details: { key } });
}
