import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExpressionContext, PlanJob } from '@ritmo/pipeline';
import type { JobResult } from '@ritmo/runner';
import { toError } from '@ritmo/shared';
import { cacheKeys } from '../caches/cache-keys.js';
import { restoreCache } from '../caches/restore-cache.js';
import { saveCache } from '../caches/save-cache.js';
import type { TransferClient } from './create-transfer-client.js';
import { downloadNeededArtifacts } from './download-needed-artifacts.js';
import { uploadReports } from '../reports/upload-reports.js';
import { uploadArtifacts } from './upload-artifacts.js';

export interface JobTransfersInput {
  client: TransferClient;
  job: PlanJob;
  context: ExpressionContext;
  workspace: string;
  /** Private to this job; removed afterwards. */
  tmpDir: string;
  /** Writes a line to the job's log. */
  log: (text: string) => void;
  signal: AbortSignal;
}

/**
 * What happens around a job's steps: before them, the needs' artifacts arrive (digest-verified)
 * and the cache is restored; after them, the test reports and the artifacts go up and, after a
 * success, the cache is saved. Artifact failures fail the job; report and cache failures only warn.
 */
export function createJobTransfers(input: JobTransfersInput) {
  const { job, client, workspace, tmpDir, log, signal } = input;
  let restoredExact = false;
  let key: string | undefined;
  return {
    async before(): Promise<void> {
      await mkdir(tmpDir, { recursive: true });
      if (job.needs.length > 0) await downloadNeededArtifacts({ client, workspace, tmpDir, log, signal });
      if (!job.cache) return;
      const keys = cacheKeys(job.cache, { ...input.context, env: {} }, workspace);
      if ('error' in keys) {
        log(`ritmo: warning: no cache: ${keys.error}`);
        return;
      }
      key = keys.key;
      if (job.cache.policy === 'push') return;
      restoredExact = (await restoreCache({ client, key, restoreKeys: keys.restoreKeys, workspace, tmpDir, log, signal })) === key;
    },
    /** The job's result, turned into a failure when an artifact could not be uploaded. */
    async after(result: JobResult): Promise<JobResult> {
      if (result.status !== 'canceled') await uploadReports({ client, patterns: job.reports.junit, workspace, tmpDir, log, signal });
      try {
        await uploadArtifacts({ client, specs: job.artifacts, status: result.status, workspace, tmpDir, log, signal });
      } catch (e: unknown) {
        log(`ritmo: ${toError(e).message}`);
        return { ...result, status: 'failure', exitCode: result.exitCode === 0 ? null : result.exitCode };
      }
      if (job.cache && key !== undefined && result.status === 'success' && job.cache.policy !== 'pull' && !restoredExact) {
        await saveCache({ client, key, paths: job.cache.paths, workspace, tmpDir, log, signal });
      }
      return result;
    },
    dispose: () => rm(tmpDir, { recursive: true, force: true }),
  };
}

export type JobTransfers = ReturnType<typeof createJobTransfers>;

/** Where a job's transfers keep their temp files: beside its workspace, never inside it. */
export const transferTmpDir = (workDir: string, key: string): string => join(workDir, 'tmp', key);
