import { join } from 'node:path';
import { RitmoError } from '@ritmo/shared';
import type { ArtifactConfig } from '../artifacts/artifact-config.js';
import type { BlobStore } from './blob-store.js';
import { createFsBlobStore } from './create-fs-blob-store.js';
import { createS3BlobStore } from './create-s3-blob-store.js';

/** The configured blob store: files under `<dataDir>/blobs` by default, or an S3-compatible bucket. */
export function createBlobStore(config: ArtifactConfig['blobStore'], dataDir: string): BlobStore {
  if (config.kind === 'fs') return createFsBlobStore(join(dataDir, 'blobs'));
  if (config.bucket === undefined) {
    throw new RitmoError('ERR_BLOB_CONFIG_INVALID', 'RITMO_BLOB_STORE=s3 needs RITMO_S3_BUCKET', { suggestions: ['set RITMO_S3_BUCKET (and RITMO_S3_ENDPOINT for an S3-compatible server)'] });
  }
  if ((config.accessKeyId === undefined) !== (config.secretAccessKey === undefined)) {
    throw new RitmoError('ERR_BLOB_CONFIG_INVALID', 'set both RITMO_S3_ACCESS_KEY_ID and RITMO_S3_SECRET_ACCESS_KEY, or neither (the SDK then finds credentials itself)');
  }
  return createS3BlobStore({
    bucket: config.bucket,
    endpoint: config.endpoint,
    region: config.region,
    prefix: config.prefix,
    forcePathStyle: config.forcePathStyle,
    credentials: config.accessKeyId !== undefined && config.secretAccessKey !== undefined ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } : undefined,
  });
}
