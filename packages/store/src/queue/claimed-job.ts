import type { Selectable } from 'kysely';
import { toJob, type Job } from '../repositories/jobs/job-record.js';
import type { JobsTable } from '../schema/build-tables.js';
import { toLease, type LeasePhase } from './lease.js';

/** What a successful claim hands to the agent. */
export interface ClaimedJob {
  /** The job as it is after the claim (status `running`). */
  job: Job;
  attempt: number;
  leaseToken: string;
  leaseExpiresAt: number;
  /** When the first heartbeat must have come; the job goes back to the queue otherwise. */
  firstHeartbeatDeadline: number | null;
  phase: LeasePhase;
  claimedAt: number;
  requestId: string;
  /** True when this answers a repeated request: the same claim as the first answer, not a new one. */
  replayed: boolean;
}

export function toClaimedJob(row: Selectable<JobsTable>, claimedAt: number, requestId: string, replayed: boolean): ClaimedJob | undefined {
  const lease = toLease(row);
  if (lease === undefined) return undefined;
  return {
    job: toJob(row),
    attempt: lease.attempt,
    leaseToken: lease.leaseToken,
    leaseExpiresAt: lease.leaseExpiresAt,
    firstHeartbeatDeadline: lease.firstHeartbeatDeadline,
    phase: lease.phase,
    claimedAt,
    requestId,
    replayed,
  };
}
