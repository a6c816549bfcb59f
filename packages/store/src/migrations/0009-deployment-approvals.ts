import { sql, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from './column-types.js';

/**
 * Deployments collect approvals (protected environments can ask for several) and say why they wait
 * or failed; they are found by their job (one deployment per run of a deploy job) and by build.
 */
export function deploymentApprovalsMigration(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('deployments').addColumn('approvals', t.json, (c) => c.notNull().defaultTo(sql`'[]'`)).execute();
      await db.schema.alterTable('deployments').addColumn('reason', t.text).execute();
      await db.schema.createIndex('deployments_job_idx').on('deployments').columns(['job_id', 'created_at']).execute();
      await db.schema.createIndex('deployments_build_idx').on('deployments').column('build_id').execute();
      await db.schema.createIndex('caches_project_created_idx').on('caches').columns(['project_id', 'created_at']).execute();
      await db.schema.createIndex('artifacts_job_idx').on('artifacts').column('job_id').execute();
    },
  };
}
