import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { toError } from '@ritmo/shared';
import { collectPaths } from '../artifacts/collect-paths.js';
import type { TransferClient } from '../artifacts/create-transfer-client.js';
import { packArchive } from '../artifacts/pack-archive.js';

/** Saves the cache's paths under `key` (after a successful job). Failures are logged, never fatal. */
export async function saveCache(input: { client: TransferClient; key: string; paths: readonly string[]; workspace: string; tmpDir: string; log: (text: string) => void; signal?: AbortSignal }): Promise<boolean> {
  const file = join(input.tmpDir, 'cache-save.tar.gz');
  try {
    const { found } = await collectPaths(input.workspace, input.paths);
    if (found.length === 0) {
      input.log(`ritmo: cache ${input.key} not saved: its paths match no files`);
      return false;
    }
    const packed = await packArchive(input.workspace, found, file, input.signal);
    const sent = await input.client.saveCache(input.key, file, packed.digest, input.signal);
    if (!sent.ok) {
      input.log(`ritmo: warning: cache ${input.key} not saved: ${sent.error.code}: ${sent.error.message}`);
      return false;
    }
    input.log(sent.value.saved ? `ritmo: saved cache ${input.key} (${packed.entries} file(s), ${packed.size} bytes)` : `ritmo: cache ${input.key} already exists; not saved again`);
    return sent.value.saved;
  } catch (e: unknown) {
    input.log(`ritmo: warning: cache ${input.key} not saved: ${toError(e).message}`);
    return false;
  } finally {
    await rm(file, { force: true });
  }
}
