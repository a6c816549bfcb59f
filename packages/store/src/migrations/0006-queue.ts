import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from './column-types.js';

/**
 * The job queue's lease bookkeeping: when a claimed job must have sent its first heartbeat, when it
 * last did, and which claim request created each attempt (one attempt per agent and request id).
 */
export function queueMigration(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // SQLite adds one column per ALTER TABLE.
      await db.schema.alterTable('jobs').addColumn('first_heartbeat_deadline', t.millis).execute();
      await db.schema.alterTable('jobs').addColumn('last_heartbeat_at', t.millis).execute();
      await db.schema.alterTable('job_attempts').addColumn('claim_request_id', t.text).execute();
      await db.schema.alterTable('job_attempts').addColumn('first_heartbeat_at', t.millis).execute();
      await db.schema
        .createIndex('job_attempts_claim_request_key')
        .on('job_attempts')
        .columns(['agent_id', 'claim_request_id'])
        .unique()
        .execute();
      // Claim order with plan order among jobs queued at the same moment (one build's jobs usually are).
      await db.schema
        .createIndex('jobs_claim_order_idx')
        .on('jobs')
        .columns(['status', 'priority desc', 'queued_at', 'position', 'id'])
        .execute();
      await db.schema.createIndex('jobs_first_heartbeat_idx').on('jobs').columns(['status', 'first_heartbeat_deadline']).execute();
    },
  };
}
