import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { newId, RitmoError, toError } from '@ritmo/shared';
import type { Artifact, Build, Job } from '@ritmo/store';
import type { ArtifactDeps } from './artifact-deps.js';
import { checkArtifactQuota } from './check-quota.js';
import { deleteArtifact } from './delete-artifact.js';
import { receiveArchive } from './receive-archive.js';

export interface ArtifactUpload {
  build: Build;
  job: Job;
  name: string;
  /** The digest the agent computed; the upload is refused when the bytes differ. */
  digest: string;
  body: Readable;
  /** The request's Content-Length, when it sent one (checked against the quota before reading). */
  contentLength: number | undefined;
  signal?: AbortSignal;
}

/**
 * Stores an artifact a job declares: the archive is checked (digest, bounds, every entry), moved
 * into the blob store under a key made of ids, and recorded. The same upload again returns the
 * stored artifact; a different one under the same name replaces it (a later attempt of the job).
 */
export async function storeArtifact(deps: ArtifactDeps, upload: ArtifactUpload): Promise<Artifact> {
  const { store, config } = deps;
  const { build, job, name } = upload;
  const spec = job.planJob.artifacts.find((a) => a.name === name);
  if (!spec) {
    throw new RitmoError('ERR_ARTIFACT_NOT_DECLARED', `job "${job.name}" declares no artifact named "${name}"`, {
      details: { declared: job.planJob.artifacts.map((a) => a.name) },
    });
  }
  const previous = (await store.artifacts.listJobArtifacts([job.id])).find((a) => a.name === name);
  if (previous?.digest === upload.digest) {
    upload.body.resume();
    return previous;
  }
  await checkArtifactQuota(store, build.projectId, upload.contentLength ?? 0, config.artifactQuotaBytes);
  const received = await receiveArchive({ body: upload.body, tmpDir: deps.tmpDir, limits: config.limits, digest: upload.digest, ...(upload.signal ? { signal: upload.signal } : {}) });
  const now = deps.clock.now();
  const id = newId('a_', now);
  const blobKey = `artifacts/${build.projectId}/${id}`;
  try {
    await checkArtifactQuota(store, build.projectId, received.size - (previous?.size ?? 0), config.artifactQuotaBytes);
    await deps.blobs.putFile(blobKey, received.path, received.size, upload.signal);
  } finally {
    await rm(received.path, { force: true });
  }
  let artifact: Artifact;
  try {
    artifact = await store.artifacts.createArtifact({
      id,
      projectId: build.projectId,
      buildId: build.id,
      jobId: job.id,
      name,
      size: received.size,
      digest: received.digest,
      files: received.files,
      blobKey,
      expiresAt: now + (spec.expireInMs ?? config.retentionMs),
    });
  } catch (e: unknown) {
    await deps.blobs.delete(blobKey).catch(() => undefined);
    throw toError(e);
  }
  if (previous) await deleteArtifact(deps, previous);
  return artifact;
}
