import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { RitmoError } from '@ritmo/shared';
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from '@ritmo/protocol';
import { extractArchive } from './extract-archive.js';
import type { TransferClient } from './create-transfer-client.js';
import { transferFailed } from './transfer-failed.js';

/**
 * Puts the artifacts of the jobs this job needs into its workspace: each archive is downloaded to a
 * temp file, its sha256 compared with the digest the server recorded at upload (a mismatch is
 * refused before anything is extracted), then extracted with every archive check.
 */
export async function downloadNeededArtifacts(input: { client: TransferClient; workspace: string; tmpDir: string; log: (text: string) => void; signal?: AbortSignal; limits?: ArchiveLimits }): Promise<number> {
  const { client, signal } = input;
  const listed = await client.neededArtifacts(signal);
  if (!listed.ok) throw transferFailed('could not list the needed artifacts', listed.error);
  for (const artifact of listed.value) {
    const file = join(input.tmpDir, `download-${artifact.id}.tar.gz`);
    try {
      const got = await client.downloadArtifact(artifact.id, file, signal);
      if (!got.ok || got.value === null) throw transferFailed(`could not download artifact ${artifact.name}`, got.ok ? { kind: 'rejected', status: 204, code: 'ERR_AGENT_PROTOCOL', message: 'no content', details: null } : got.error);
      if (got.value.digest !== artifact.digest) {
        throw new RitmoError('ERR_ARTIFACT_DIGEST_MISMATCH', `artifact ${artifact.name} arrived with digest ${got.value.digest}, not ${artifact.digest}`, { details: { expected: artifact.digest, actual: got.value.digest } });
      }
      const count = await extractArchive(createReadStream(file), input.workspace, input.limits ?? DEFAULT_ARCHIVE_LIMITS, signal);
      input.log(`ritmo: artifact ${artifact.name} from ${artifact.job}: ${count} file(s), ${artifact.digest} verified`);
    } finally {
      await rm(file, { force: true });
    }
  }
  return listed.value.length;
}
