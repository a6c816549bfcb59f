import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from './column-types.js';

/**
 * One schedule row per cron line of a pipeline (so servers syncing at once never create two), and
 * upstream triggers: a build of one project finishing starts a build of another.
 */
export function triggerLinksMigration(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex('schedules_line_key').on('schedules').columns(['pipeline_id', 'cron', 'timezone', 'branch']).unique().execute();

      await db.schema
        .createTable('upstream_triggers')
        .addColumn('project_id', t.id, (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('upstream_project_id', t.id, (c) => c.notNull().references('projects.id').onDelete('cascade'))
        // JSON arrays: the final statuses that trigger, and branch patterns of the upstream build (null: any).
        .addColumn('statuses', t.json, (c) => c.notNull())
        .addColumn('branches', t.json)
        .addColumn('created_at', t.millis, (c) => c.notNull())
        .addColumn('updated_at', t.millis, (c) => c.notNull())
        .addPrimaryKeyConstraint('upstream_triggers_pkey', ['project_id', 'upstream_project_id'])
        .execute();
      await db.schema.createIndex('upstream_triggers_upstream_idx').on('upstream_triggers').column('upstream_project_id').execute();
    },
  };
}
