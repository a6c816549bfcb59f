import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from './column-types.js';

/**
 * Test cases parsed from the JUnit reports jobs upload (per-build results and per-test history), and
 * the time indexes analytics windows use.
 */
export function testCasesMigration(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('test_cases')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('project_id', t.id, (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('build_id', t.id, (c) => c.notNull().references('builds.id').onDelete('cascade'))
        .addColumn('job_id', t.id, (c) => c.notNull().references('jobs.id').onDelete('cascade'))
        .addColumn('attempt', t.int, (c) => c.notNull())
        .addColumn('report_path', t.text, (c) => c.notNull())
        .addColumn('sha', t.text)
        .addColumn('suite', t.text, (c) => c.notNull())
        .addColumn('classname', t.text, (c) => c.notNull())
        .addColumn('name', t.text, (c) => c.notNull())
        .addColumn('status', t.text, (c) => c.notNull())
        .addColumn('duration_ms', t.int, (c) => c.notNull())
        .addColumn('message', t.text)
        .addColumn('created_at', t.millis, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('test_cases_build_idx').on('test_cases').columns(['build_id', 'status']).execute();
      await db.schema.createIndex('test_cases_job_idx').on('test_cases').columns(['job_id', 'attempt', 'report_path']).execute();
      await db.schema.createIndex('test_cases_history_idx').on('test_cases').columns(['project_id', 'created_at']).execute();
      await db.schema.createIndex('test_cases_created_idx').on('test_cases').column('created_at').execute();
      // Analytics read builds and jobs by time window.
      await db.schema.createIndex('builds_finished_idx').on('builds').columns(['finished_at', 'project_id']).execute();
      await db.schema.createIndex('jobs_started_idx').on('jobs').column('started_at').execute();
    },
  };
}
