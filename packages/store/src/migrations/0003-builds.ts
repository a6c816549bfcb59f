import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from './column-types.js';

/** Pipelines, builds, their jobs, attempts, steps and log chunks. */
export function buildsMigration(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('pipelines')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('project_id', t.id, (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('name', t.text, (c) => c.notNull())
        .addColumn('path', t.text)
        .addColumn('source', t.text, (c) => c.notNull())
        .addColumn('plan', t.json)
        .addColumn('ref', t.text)
        .addColumn('sha', t.text)
        .addColumn('created_at', t.millis, (c) => c.notNull())
        .addColumn('updated_at', t.millis, (c) => c.notNull())
        .addUniqueConstraint('pipelines_project_name_key', ['project_id', 'name'])
        .execute();

      await db.schema
        .createTable('builds')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('project_id', t.id, (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('pipeline_id', t.id, (c) => c.references('pipelines.id').onDelete('set null'))
        .addColumn('number', t.int, (c) => c.notNull())
        .addColumn('status', t.text, (c) => c.notNull())
        .addColumn('event', t.text, (c) => c.notNull())
        .addColumn('ref', t.text)
        .addColumn('sha', t.text)
        .addColumn('branch', t.text)
        .addColumn('tag', t.text)
        .addColumn('actor', t.text)
        .addColumn('inputs', t.json, (c) => c.notNull())
        .addColumn('trusted', t.flag, (c) => c.notNull())
        .addColumn('plan', t.json, (c) => c.notNull())
        .addColumn('message', t.text)
        .addColumn('trigger', t.json, (c) => c.notNull())
        .addColumn('concurrency_group', t.text)
        .addColumn('error', t.text)
        .addColumn('canceled_by', t.text)
        .addColumn('created_at', t.millis, (c) => c.notNull())
        .addColumn('started_at', t.millis)
        .addColumn('finished_at', t.millis)
        .addColumn('updated_at', t.millis, (c) => c.notNull())
        .addUniqueConstraint('builds_project_number_key', ['project_id', 'number'])
        .execute();
      await db.schema.createIndex('builds_project_created_idx').on('builds').columns(['project_id', 'created_at', 'id']).execute();
      await db.schema.createIndex('builds_created_idx').on('builds').columns(['created_at', 'id']).execute();
      await db.schema.createIndex('builds_status_idx').on('builds').columns(['status', 'created_at']).execute();
      await db.schema.createIndex('builds_concurrency_idx').on('builds').columns(['project_id', 'concurrency_group', 'status']).execute();

      await db.schema
        .createTable('jobs')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('build_id', t.id, (c) => c.notNull().references('builds.id').onDelete('cascade'))
        .addColumn('plan_job_id', t.text, (c) => c.notNull())
        .addColumn('position', t.int, (c) => c.notNull())
        .addColumn('key', t.text, (c) => c.notNull())
        .addColumn('name', t.text, (c) => c.notNull())
        .addColumn('stage', t.text)
        .addColumn('status', t.text, (c) => c.notNull())
        .addColumn('priority', t.int, (c) => c.notNull().defaultTo(0))
        .addColumn('needs', t.json, (c) => c.notNull())
        .addColumn('runs_on', t.json, (c) => c.notNull())
        .addColumn('plan_job', t.json, (c) => c.notNull())
        .addColumn('attempt', t.int, (c) => c.notNull().defaultTo(1))
        .addColumn('agent_id', t.id, (c) => c.references('agents.id').onDelete('set null'))
        .addColumn('lease_token', t.text)
        .addColumn('lease_expires_at', t.millis)
        .addColumn('claim_request_id', t.text)
        .addColumn('exit_code', t.int)
        .addColumn('reason', t.text)
        .addColumn('outputs', t.json, (c) => c.notNull())
        .addColumn('matrix_group', t.text)
        .addColumn('continue_on_error', t.flag, (c) => c.notNull().defaultTo(0))
        .addColumn('concurrency_group', t.text)
        .addColumn('approved_by', t.text)
        .addColumn('created_at', t.millis, (c) => c.notNull())
        .addColumn('queued_at', t.millis)
        .addColumn('started_at', t.millis)
        .addColumn('finished_at', t.millis)
        .addColumn('updated_at', t.millis, (c) => c.notNull())
        .addUniqueConstraint('jobs_build_plan_job_key', ['build_id', 'plan_job_id'])
        .execute();
      // The claim query: queued jobs, highest priority first, then oldest.
      await db.schema.createIndex('jobs_claim_idx').on('jobs').columns(['status', 'priority desc', 'queued_at', 'id']).execute();
      await db.schema.createIndex('jobs_lease_idx').on('jobs').columns(['status', 'lease_expires_at']).execute();
      await db.schema.createIndex('jobs_agent_idx').on('jobs').columns(['agent_id', 'status']).execute();
      await db.schema.createIndex('jobs_claim_request_idx').on('jobs').column('claim_request_id').execute();

      await db.schema
        .createTable('job_attempts')
        .addColumn('job_id', t.id, (c) => c.notNull().references('jobs.id').onDelete('cascade'))
        .addColumn('attempt', t.int, (c) => c.notNull())
        .addColumn('agent_id', t.id, (c) => c.references('agents.id').onDelete('set null'))
        .addColumn('status', t.text, (c) => c.notNull())
        .addColumn('exit_code', t.int)
        .addColumn('reason', t.text)
        .addColumn('started_at', t.millis, (c) => c.notNull())
        .addColumn('finished_at', t.millis)
        .addPrimaryKeyConstraint('job_attempts_pkey', ['job_id', 'attempt'])
        .execute();

      await db.schema
        .createTable('steps')
        .addColumn('job_id', t.id, (c) => c.notNull().references('jobs.id').onDelete('cascade'))
        .addColumn('attempt', t.int, (c) => c.notNull())
        .addColumn('step_id', t.text, (c) => c.notNull())
        .addColumn('position', t.int, (c) => c.notNull())
        .addColumn('name', t.text, (c) => c.notNull())
        .addColumn('status', t.text, (c) => c.notNull())
        .addColumn('exit_code', t.int)
        .addColumn('started_at', t.millis)
        .addColumn('finished_at', t.millis)
        .addPrimaryKeyConstraint('steps_pkey', ['job_id', 'attempt', 'step_id'])
        .execute();

      await db.schema
        .createTable('log_chunks')
        .addColumn('job_id', t.id, (c) => c.notNull().references('jobs.id').onDelete('cascade'))
        .addColumn('attempt', t.int, (c) => c.notNull())
        .addColumn('byte_offset', t.bigint, (c) => c.notNull())
        .addColumn('length', t.int, (c) => c.notNull())
        .addColumn('data', t.bytes, (c) => c.notNull())
        .addColumn('created_at', t.millis, (c) => c.notNull())
        .addPrimaryKeyConstraint('log_chunks_pkey', ['job_id', 'attempt', 'byte_offset'])
        .execute();
    },
  };
}
