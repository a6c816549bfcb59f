import { isRitmoError, toError } from '@ritmo/shared';
import type { Artifact } from '@ritmo/store';
import type { ArtifactDeps } from './artifact-deps.js';

/** Removes an artifact's record, then its blob (a blob left behind is logged, never served). */
export async function deleteArtifact(deps: Pick<ArtifactDeps, 'store' | 'blobs' | 'logger'>, artifact: Artifact): Promise<void> {
  await deps.store.artifacts.deleteArtifact(artifact.id).catch((e: unknown) => {
    if (!isRitmoError(e, 'ERR_STORE_NOT_FOUND')) throw toError(e);
  });
  await deps.blobs.delete(artifact.blobKey).catch((e: unknown) => deps.logger.warn({ err: toError(e), blobKey: artifact.blobKey }, 'could not delete an artifact blob'));
}
