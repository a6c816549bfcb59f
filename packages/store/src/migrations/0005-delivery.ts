import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from './column-types.js';

/** The CD half: artifacts, promotions, environments, deployments, caches. */
export function deliveryMigration(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('artifacts')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('project_id', t.id, (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('build_id', t.id, (c) => c.notNull().references('builds.id').onDelete('cascade'))
        .addColumn('job_id', t.id, (c) => c.references('jobs.id').onDelete('set null'))
        .addColumn('name', t.text, (c) => c.notNull())
        .addColumn('size', t.bigint, (c) => c.notNull())
        .addColumn('digest', t.text, (c) => c.notNull())
        .addColumn('files', t.json, (c) => c.notNull())
        .addColumn('blob_key', t.text, (c) => c.notNull())
        .addColumn('promotion_level', t.text)
        .addColumn('created_at', t.millis, (c) => c.notNull())
        .addColumn('expires_at', t.millis)
        .execute();
      await db.schema.createIndex('artifacts_build_idx').on('artifacts').columns(['build_id', 'name']).execute();
      await db.schema.createIndex('artifacts_digest_idx').on('artifacts').columns(['project_id', 'digest']).execute();
      await db.schema.createIndex('artifacts_expires_idx').on('artifacts').column('expires_at').execute();

      await db.schema
        .createTable('promotions')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('project_id', t.id, (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('artifact_id', t.id, (c) => c.notNull().references('artifacts.id').onDelete('cascade'))
        .addColumn('digest', t.text, (c) => c.notNull())
        .addColumn('from_level', t.text)
        .addColumn('to_level', t.text, (c) => c.notNull())
        .addColumn('status', t.text, (c) => c.notNull())
        .addColumn('actor', t.text)
        .addColumn('approvals', t.json, (c) => c.notNull())
        .addColumn('created_at', t.millis, (c) => c.notNull())
        .addColumn('finished_at', t.millis)
        .execute();
      await db.schema.createIndex('promotions_artifact_idx').on('promotions').columns(['artifact_id', 'created_at']).execute();

      await db.schema
        .createTable('environments')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('project_id', t.id, (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('name', t.text, (c) => c.notNull())
        .addColumn('url', t.text)
        .addColumn('protection', t.json, (c) => c.notNull())
        .addColumn('created_at', t.millis, (c) => c.notNull())
        .addColumn('updated_at', t.millis, (c) => c.notNull())
        .addUniqueConstraint('environments_project_name_key', ['project_id', 'name'])
        .execute();

      await db.schema
        .createTable('deployments')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('project_id', t.id, (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('environment_id', t.id, (c) => c.notNull().references('environments.id').onDelete('cascade'))
        .addColumn('artifact_id', t.id, (c) => c.references('artifacts.id').onDelete('set null'))
        .addColumn('artifact_digest', t.text)
        .addColumn('build_id', t.id, (c) => c.references('builds.id').onDelete('set null'))
        .addColumn('job_id', t.id, (c) => c.references('jobs.id').onDelete('set null'))
        .addColumn('sha', t.text)
        .addColumn('actor', t.text)
        .addColumn('status', t.text, (c) => c.notNull())
        .addColumn('rollback_of', t.id, (c) => c.references('deployments.id').onDelete('set null'))
        .addColumn('created_at', t.millis, (c) => c.notNull())
        .addColumn('started_at', t.millis)
        .addColumn('finished_at', t.millis)
        .execute();
      await db.schema
        .createIndex('deployments_environment_idx')
        .on('deployments')
        .columns(['environment_id', 'created_at', 'id'])
        .execute();

      await db.schema
        .createTable('caches')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('project_id', t.id, (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('scope', t.text, (c) => c.notNull())
        .addColumn('key', t.text, (c) => c.notNull())
        .addColumn('size', t.bigint, (c) => c.notNull())
        .addColumn('blob_key', t.text, (c) => c.notNull())
        .addColumn('created_at', t.millis, (c) => c.notNull())
        .addColumn('last_used_at', t.millis, (c) => c.notNull())
        .addUniqueConstraint('caches_scope_key_key', ['project_id', 'scope', 'key'])
        .execute();
      await db.schema.createIndex('caches_lru_idx').on('caches').columns(['project_id', 'last_used_at']).execute();
    },
  };
}
