import { toError } from '@ritmo/shared';
import type { Artifact } from '@ritmo/store';
import type { ArtifactDeps } from './artifact-deps.js';
import { deleteArtifact } from './delete-artifact.js';

const BATCH = 100;

/**
 * Whether an expired artifact must stay anyway: it reached a promotion level, or an environment
 * runs it now or would return to it on a rollback (its two latest successful deployments).
 */
async function stillNeeded(deps: Pick<ArtifactDeps, 'store'>, artifact: Artifact): Promise<boolean> {
  if (artifact.promotionLevel !== null) return true;
  const rows = await deps.store.db
    .selectFrom('deployments')
    .select('environment_id')
    .distinct()
    .where('artifact_id', '=', artifact.id)
    .where('status', '=', 'success')
    .execute();
  for (const { environment_id } of rows) {
    const latest = await deps.store.deployments.listSuccessfulDeployments(environment_id, 2);
    if (latest.some((d) => d.artifactId === artifact.id)) return true;
  }
  return false;
}

/**
 * One pass of retention: artifacts past their expiry are deleted with their blobs, except those
 * still needed, whose expiry moves one retention period on. Returns how many were deleted.
 */
export async function sweepArtifacts(deps: ArtifactDeps, signal?: AbortSignal): Promise<number> {
  let deleted = 0;
  for (;;) {
    const now = deps.clock.now();
    const expired = await deps.store.artifacts.listExpiredArtifacts(now, BATCH);
    for (const artifact of expired) {
      if (signal?.aborted) return deleted;
      try {
        if (await stillNeeded(deps, artifact)) {
          await deps.store.artifacts.setArtifactExpiry(artifact.id, now + deps.config.retentionMs);
        } else {
          await deleteArtifact(deps, artifact);
          deleted += 1;
        }
      } catch (e: unknown) {
        deps.logger.warn({ err: toError(e), artifactId: artifact.id }, 'could not sweep an expired artifact');
        return deleted;
      }
    }
    if (expired.length < BATCH) return deleted;
  }
}
