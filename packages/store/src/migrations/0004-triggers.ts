import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from './column-types.js';

/** Webhook deliveries and cron schedules (with the lease that makes one server fire each tick). */
export function triggersMigration(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('project_id', t.id, (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('provider', t.text, (c) => c.notNull())
        .addColumn('delivery_id', t.text)
        .addColumn('dedupe_key', t.text)
        .addColumn('event', t.text)
        .addColumn('headers', t.json, (c) => c.notNull())
        .addColumn('body', t.bytes)
        .addColumn('status', t.text, (c) => c.notNull())
        .addColumn('http_status', t.int, (c) => c.notNull())
        .addColumn('result', t.text)
        .addColumn('build_id', t.id, (c) => c.references('builds.id').onDelete('set null'))
        .addColumn('redelivery_of', t.id)
        .addColumn('received_at', t.millis, (c) => c.notNull())
        // NULLs are distinct in a unique key on both dialects: only verified deliveries are deduplicated.
        .addUniqueConstraint('webhook_deliveries_dedupe_key', ['project_id', 'provider', 'dedupe_key'])
        .execute();
      await db.schema
        .createIndex('webhook_deliveries_project_idx')
        .on('webhook_deliveries')
        .columns(['project_id', 'received_at', 'id'])
        .execute();

      await db.schema
        .createTable('schedules')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('project_id', t.id, (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('pipeline_id', t.id, (c) => c.notNull().references('pipelines.id').onDelete('cascade'))
        .addColumn('cron', t.text, (c) => c.notNull())
        .addColumn('timezone', t.text)
        .addColumn('branch', t.text)
        .addColumn('enabled', t.flag, (c) => c.notNull().defaultTo(1))
        .addColumn('next_run_at', t.millis, (c) => c.notNull())
        .addColumn('last_run_at', t.millis)
        .addColumn('last_build_id', t.id, (c) => c.references('builds.id').onDelete('set null'))
        .addColumn('locked_by', t.text)
        .addColumn('lock_expires_at', t.millis)
        .addColumn('created_at', t.millis, (c) => c.notNull())
        .addColumn('updated_at', t.millis, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('schedules_due_idx').on('schedules').columns(['enabled', 'next_run_at']).execute();
      await db.schema.createIndex('schedules_pipeline_idx').on('schedules').column('pipeline_id').execute();
    },
  };
}
