import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { toError } from '@ritmo/shared';
import { collectPaths } from '../artifacts/collect-paths.js';
import type { TransferClient } from '../artifacts/create-transfer-client.js';

/** Largest report file sent; the server refuses bigger ones anyway. */
export const MAX_REPORT_BYTES = 16 * 1024 * 1024;

/**
 * Uploads the JUnit XML files `patterns` (a job's `reports.junit`) match, one gzip-compressed
 * request each, after the job ran, whether it passed or failed. A report that cannot be sent or is
 * refused only warns in the log: test reports never change a job's outcome. Returns how many the
 * server stored.
 */
export async function uploadReports(input: {
  client: Pick<TransferClient, 'uploadReport'>;
  patterns: readonly string[];
  workspace: string;
  tmpDir: string;
  log: (text: string) => void;
  signal?: AbortSignal;
}): Promise<number> {
  if (input.patterns.length === 0) return 0;
  const { found } = await collectPaths(input.workspace, input.patterns);
  const files = found.filter((f) => f.type === 'file');
  if (files.length === 0) {
    input.log(`ritmo: warning: reports.junit matches no files (${input.patterns.join(', ')})`);
    return 0;
  }
  let stored = 0;
  for (const [i, { path }] of files.entries()) {
    const source = join(input.workspace, path);
    const packed = join(input.tmpDir, `report-${i}.xml.gz`);
    try {
      const { size } = await stat(source);
      if (size > MAX_REPORT_BYTES) {
        input.log(`ritmo: warning: test report ${path} is ${size} bytes, over the ${MAX_REPORT_BYTES}-byte limit; not sent`);
        continue;
      }
      await pipeline(createReadStream(source), createGzip(), createWriteStream(packed, { mode: 0o600 }), input.signal ? { signal: input.signal } : {});
      const sent = await input.client.uploadReport(path, packed, input.signal);
      if (sent.ok) {
        const r = sent.value;
        input.log(`ritmo: test report ${path}: ${r.tests} test(s), ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
        stored += 1;
      } else {
        input.log(`ritmo: warning: test report ${path} was not stored: ${sent.error.code}: ${sent.error.message}`);
      }
    } catch (e: unknown) {
      input.log(`ritmo: warning: test report ${path} was not sent: ${toError(e).message}`);
    } finally {
      await rm(packed, { force: true });
    }
  }
  return stored;
}
