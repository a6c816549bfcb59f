import type { Updateable } from 'kysely';
import type { JobsTable } from '../schema/build-tables.js';

/**
 * The job columns of a job going back to the queue. `attempt` stays: it names the attempt that just
 * ended, and the next claim starts the one after it.
 */
export function requeuePatch(now: number, reason: string): Updateable<JobsTable> {
  return {
    status: 'queued',
    agent_id: null,
    lease_token: null,
    lease_expires_at: null,
    first_heartbeat_deadline: null,
    last_heartbeat_at: null,
    claim_request_id: null,
    exit_code: null,
    reason,
    queued_at: now,
    started_at: null,
    finished_at: null,
    updated_at: now,
  };
}
