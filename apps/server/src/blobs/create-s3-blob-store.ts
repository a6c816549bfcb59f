import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { RitmoError, toError } from '@ritmo/shared';
import { blobNotFound, checkBlobKey, type BlobStore } from './blob-store.js';

export interface S3BlobStoreOptions {
  bucket: string;
  /** `http://127.0.0.1:9000` for MinIO, s3rver and the like; default AWS. */
  endpoint?: string | undefined;
  region: string;
  /** Key prefix inside the bucket (`ritmo/`). */
  prefix: string;
  /** Explicit credentials; otherwise the SDK's default chain (environment, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** Path-style URLs (`endpoint/bucket/key`), which most S3-compatible servers need. */
  forcePathStyle: boolean;
}

function failed(what: string, key: string, e: unknown): RitmoError {
  return new RitmoError('ERR_BLOB_STORE_FAILED', `could not ${what} blob ${key} in S3: ${toError(e).message}`, { cause: e, details: { key } });
}

const isNotFound = (e: unknown): boolean => {
  const error = toError(e) as Error & { $metadata?: { httpStatusCode?: number } };
  return error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata?.httpStatusCode === 404;
};

/** Blobs as objects in an S3-compatible bucket. Uploads send the length up front (no chunked signing). */
export function createS3BlobStore(options: S3BlobStoreOptions): BlobStore {
  const client = new S3Client({
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    // Only what S3 requires: S3-compatible servers often reject the SDK's default trailing checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const keyOf = (key: string): string => options.prefix + checkBlobKey(key);
  return {
    kind: 's3',
    async putFile(key, path, size, signal) {
      const objectKey = keyOf(key);
      try {
        await client.send(new PutObjectCommand({ Bucket: options.bucket, Key: objectKey, Body: createReadStream(path), ContentLength: size }), signal ? { abortSignal: signal } : {});
      } catch (e: unknown) {
        throw failed('write', key, e);
      }
    },
    async get(key, signal) {
      const objectKey = keyOf(key);
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: options.bucket, Key: objectKey }), signal ? { abortSignal: signal } : {});
        if (out.Body instanceof Readable) return out.Body;
        throw new Error('the answer has no body stream');
      } catch (e: unknown) {
        if (isNotFound(e)) throw blobNotFound(key);
        throw failed('read', key, e);
      }
    },
    async stat(key) {
      const objectKey = keyOf(key);
      try {
        const out = await client.send(new HeadObjectCommand({ Bucket: options.bucket, Key: objectKey }));
        return { size: Number(out.ContentLength ?? 0) };
      } catch (e: unknown) {
        if (isNotFound(e)) return undefined;
        throw failed('stat', key, e);
      }
    },
    async delete(key) {
      const objectKey = keyOf(key);
      try {
        await client.send(new DeleteObjectCommand({ Bucket: options.bucket, Key: objectKey }));
      } catch (e: unknown) {
        if (!isNotFound(e)) throw failed('delete', key, e);
      }
    },
  };
}
