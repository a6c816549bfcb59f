import { failsParent, isFinalStatus, type BuildStatus, type StatusPart } from './job-status.js';

export interface BuildStatusFlags {
  /** The build was canceled by a user or by a newer build (concurrency). */
  canceled?: boolean;
}

/**
 * A build's status from its jobs, following GitHub Actions:
 * - unfinished: `running` if a job runs; `queued` if nothing has started or finished yet; `waiting` if
 *   the only unfinished jobs wait for an approval (or for those); otherwise `running`.
 * - finished: `canceled` if the build was canceled; `failure` if a job without continue-on-error failed;
 *   `canceled` if a job was canceled; otherwise `success` (skipped jobs never fail a build).
 */
export function deriveBuildStatus(jobs: readonly StatusPart[], flags: BuildStatusFlags = {}): BuildStatus {
  const unfinished = jobs.filter((j) => !isFinalStatus(j.status));
  if (unfinished.length > 0) {
    if (unfinished.some((j) => j.status === 'running')) return 'running';
    const started = jobs.some((j) => j.status !== 'pending' && j.status !== 'queued');
    if (!started) return 'queued';
    const onlyWaiting = unfinished.every((j) => j.status === 'waiting' || j.status === 'pending');
    return onlyWaiting && unfinished.some((j) => j.status === 'waiting') ? 'waiting' : 'running';
  }
  if (flags.canceled) return 'canceled';
  if (jobs.some(failsParent)) return 'failure';
  if (jobs.some((j) => j.status === 'canceled')) return 'canceled';
  return 'success';
}
