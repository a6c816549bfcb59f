import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from './column-types.js';

/**
 * Concurrency groups: one row per group that someone holds, keyed by (project, scope, group), so the
 * primary key itself keeps a second holder out on every server instance. Waiters are found by the
 * group columns builds and jobs already have.
 */
export function concurrencyLocksMigration(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('concurrency_locks')
        .addColumn('project_id', t.id, (c) => c.notNull().references('projects.id').onDelete('cascade'))
        // `build` (pipeline-level concurrency) or `job` (job-level): two separate namespaces.
        .addColumn('scope', t.text, (c) => c.notNull())
        .addColumn('name', t.text, (c) => c.notNull())
        // The build id (scope build) or job id (scope job) holding the group.
        .addColumn('holder_id', t.id, (c) => c.notNull())
        .addColumn('build_id', t.id, (c) => c.notNull().references('builds.id').onDelete('cascade'))
        .addColumn('acquired_at', t.millis, (c) => c.notNull())
        .addPrimaryKeyConstraint('concurrency_locks_pkey', ['project_id', 'scope', 'name'])
        .execute();
      await db.schema.createIndex('concurrency_locks_build_idx').on('concurrency_locks').column('build_id').execute();
      await db.schema.createIndex('concurrency_locks_holder_idx').on('concurrency_locks').column('holder_id').execute();
      await db.schema.createIndex('jobs_concurrency_idx').on('jobs').columns(['concurrency_group', 'status']).execute();
    },
  };
}
