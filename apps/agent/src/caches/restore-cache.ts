import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CACHE_KEY_HEADER, DEFAULT_ARCHIVE_LIMITS } from '@ritmo/protocol';
import { toError } from '@ritmo/shared';
import { extractArchive } from '../artifacts/extract-archive.js';
import type { TransferClient } from '../artifacts/create-transfer-client.js';

/**
 * Restores the best cache for `key` (else a restore-key prefix match) into the workspace. A cache is
 * an optimization: every failure is logged and the job goes on without it. Returns the key that
 * matched, or null.
 */
export async function restoreCache(input: { client: TransferClient; key: string; restoreKeys: readonly string[]; workspace: string; tmpDir: string; log: (text: string) => void; signal?: AbortSignal }): Promise<string | null> {
  const file = join(input.tmpDir, 'cache-restore.tar.gz');
  try {
    const got = await input.client.restoreCache(input.key, input.restoreKeys, file, input.signal);
    if (!got.ok) {
      input.log(`ritmo: warning: cache not restored: ${got.error.code}: ${got.error.message}`);
      return null;
    }
    if (got.value === null) {
      input.log(`ritmo: no cache for ${input.key}`);
      return null;
    }
    const matched = decodeURIComponent(got.value.headers.get(CACHE_KEY_HEADER) ?? input.key);
    const count = await extractArchive(createReadStream(file), input.workspace, DEFAULT_ARCHIVE_LIMITS, input.signal);
    input.log(`ritmo: restored cache ${matched} (${count} file(s))`);
    return matched;
  } catch (e: unknown) {
    input.log(`ritmo: warning: cache not restored: ${toError(e).message}`);
    return null;
  } finally {
    await rm(file, { force: true });
  }
}
