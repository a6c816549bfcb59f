import { RitmoError } from '@ritmo/shared';
import type { Store } from '@ritmo/store';

/** Throws ERR_ARTIFACT_QUOTA_EXCEEDED when `adding` more bytes would take the project past its quota. */
export async function checkArtifactQuota(store: Pick<Store, 'artifacts'>, projectId: string, adding: number, quota: number): Promise<void> {
  const used = await store.artifacts.sumArtifactBytes(projectId);
  if (used + adding > quota) {
    throw new RitmoError('ERR_ARTIFACT_QUOTA_EXCEEDED', `the project's artifacts take ${used} bytes; ${adding} more would pass its quota of ${quota}`, {
      details: { used, adding, quota },
      suggestions: ['delete artifacts the project no longer needs, shorten expire-in, or raise RITMO_ARTIFACT_QUOTA'],
    });
  }
}
