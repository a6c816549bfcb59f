import type { Selectable } from 'kysely';
import type { JobsTable } from '../schema/build-tables.js';

/**
 * `claimed` from the claim until the first heartbeat (the job goes back to the queue if that does not
 * come by `firstHeartbeatDeadline`), `running` after it. The job's status is `running` in both.
 */
export type LeasePhase = 'claimed' | 'running';

/** The lease an agent holds on one running job. */
export interface Lease {
  jobId: string;
  buildId: string;
  attempt: number;
  agentId: string | null;
  leaseToken: string;
  leaseExpiresAt: number;
  phase: LeasePhase;
  firstHeartbeatDeadline: number | null;
  lastHeartbeatAt: number | null;
}

/** The lease of a job row, or undefined when the job holds none (not running, or run without a lease). */
export function toLease(row: Selectable<JobsTable>): Lease | undefined {
  if (row.status !== 'running' || row.lease_token === null || row.lease_expires_at === null) return undefined;
  return {
    jobId: row.id,
    buildId: row.build_id,
    attempt: row.attempt,
    agentId: row.agent_id,
    leaseToken: row.lease_token,
    leaseExpiresAt: row.lease_expires_at,
    phase: row.last_heartbeat_at === null ? 'claimed' : 'running',
    firstHeartbeatDeadline: row.first_heartbeat_deadline,
    lastHeartbeatAt: row.last_heartbeat_at,
  };
}
