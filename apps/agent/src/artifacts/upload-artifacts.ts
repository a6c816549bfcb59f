import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArtifactSpec } from '@ritmo/pipeline';
import { collectPaths } from './collect-paths.js';
import type { TransferClient } from './create-transfer-client.js';
import { packArchive } from './pack-archive.js';
import { transferFailed } from './transfer-failed.js';

/** Whether an artifact is uploaded after a job that ended with `status`. */
export function shouldUpload(spec: ArtifactSpec, status: 'success' | 'failure' | 'canceled'): boolean {
  if (status === 'canceled') return false;
  return spec.when === 'always' || spec.when === status;
}

/**
 * Uploads the job's artifacts (those whose `when` fits how it ended): the matching files are packed
 * into a tar.gz, hashed, and streamed up with the digest; the server checks both. An artifact that
 * matches no file is skipped with a warning in the log.
 */
export async function uploadArtifacts(input: {
  client: TransferClient;
  specs: readonly ArtifactSpec[];
  status: 'success' | 'failure' | 'canceled';
  workspace: string;
  tmpDir: string;
  log: (text: string) => void;
  signal?: AbortSignal;
}): Promise<number> {
  let uploaded = 0;
  for (const [i, spec] of input.specs.entries()) {
    if (!shouldUpload(spec, input.status)) continue;
    const { found, skipped } = await collectPaths(input.workspace, spec.paths, spec.exclude);
    for (const path of skipped) input.log(`ritmo: artifact ${spec.name}: skipped ${path} (a symlink pointing outside the workspace)`);
    if (found.length === 0) {
      input.log(`ritmo: warning: artifact ${spec.name} matches no files (${spec.paths.join(', ')}); nothing uploaded`);
      continue;
    }
    const file = join(input.tmpDir, `upload-${i}.tar.gz`);
    try {
      const packed = await packArchive(input.workspace, found, file, input.signal);
      const sent = await input.client.uploadArtifact(spec.name, file, packed.digest, input.signal);
      if (!sent.ok) throw transferFailed(`could not upload artifact ${spec.name}`, sent.error);
      input.log(`ritmo: uploaded artifact ${spec.name}: ${packed.entries} file(s), ${packed.size} bytes, ${packed.digest}`);
      uploaded += 1;
    } finally {
      await rm(file, { force: true });
    }
  }
  return uploaded;
}
