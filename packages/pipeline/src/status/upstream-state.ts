import type { PlanJob } from '../plan.js';
import type { JobStatus } from './job-status.js';

/** What a job's needs (and their ancestors) ended in, for the status functions and skip reasons. */
export interface UpstreamState {
  /** Name of an ancestor that failed (or was canceled while the build was not), if any. */
  failed?: string;
  /** Name of a direct need that was skipped or canceled without failing, if any. */
  skipped?: string;
}

export interface UpstreamLookup {
  jobsById: ReadonlyMap<string, PlanJob>;
  statusOf: (jobId: string) => JobStatus;
  buildCancelled: boolean;
}

/**
 * Creates a memoized reader of upstream state. Failure is transitive (failure() is true when any ancestor
 * failed, as in GitHub Actions); a failed job with continue-on-error does not count. A canceled need counts
 * as failed unless the whole build was cancelled (then cancelled() is what the job can ask for).
 */
export function createUpstreamReader(lookup: UpstreamLookup): (job: PlanJob) => UpstreamState {
  const failedMemo = new Map<string, string | null>();

  const failedAncestor = (job: PlanJob, trail: Set<string>): string | undefined => {
    const known = failedMemo.get(job.id);
    if (known !== undefined) return known ?? undefined;
    if (trail.has(job.id)) return undefined;
    trail.add(job.id);
    let found: string | undefined;
    for (const id of job.needs) {
      const need = lookup.jobsById.get(id);
      if (!need) continue;
      const status = lookup.statusOf(id);
      const needFailed =
        (status === 'failure' && !need.continueOnError) || (status === 'canceled' && !lookup.buildCancelled);
      found = needFailed ? need.name : failedAncestor(need, trail);
      if (found !== undefined) break;
    }
    failedMemo.set(job.id, found ?? null);
    return found;
  };

  return (job) => {
    const state: UpstreamState = {};
    const failed = failedAncestor(job, new Set());
    if (failed !== undefined) state.failed = failed;
    for (const id of job.needs) {
      const status = lookup.statusOf(id);
      if (status === 'skipped' || (status === 'canceled' && lookup.buildCancelled)) {
        state.skipped = lookup.jobsById.get(id)?.name ?? id;
        break;
      }
    }
    return state;
  };
}
