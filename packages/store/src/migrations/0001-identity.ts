import { sql, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from './column-types.js';

/** Users, their credentials, projects and who may do what in them; secrets; the audit log. */
export function identityMigration(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('users')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('username', t.text, (c) => c.notNull().unique())
        .addColumn('display_name', t.text, (c) => c.notNull())
        .addColumn('email', t.text)
        .addColumn('password_hash', t.text)
        .addColumn('is_admin', t.flag, (c) => c.notNull().defaultTo(0))
        .addColumn('disabled', t.flag, (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', t.millis, (c) => c.notNull())
        .addColumn('updated_at', t.millis, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('api_tokens')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', t.text, (c) => c.notNull())
        .addColumn('prefix', t.text, (c) => c.notNull().unique())
        .addColumn('token_hash', t.text, (c) => c.notNull().unique())
        .addColumn('scopes', t.json, (c) => c.notNull())
        .addColumn('created_at', t.millis, (c) => c.notNull())
        .addColumn('expires_at', t.millis)
        .addColumn('last_used_at', t.millis)
        .addColumn('revoked_at', t.millis)
        .execute();
      await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').columns(['user_id', 'created_at']).execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('token_hash', t.text, (c) => c.notNull().unique())
        .addColumn('created_at', t.millis, (c) => c.notNull())
        .addColumn('expires_at', t.millis, (c) => c.notNull())
        .addColumn('last_seen_at', t.millis, (c) => c.notNull())
        .addColumn('ip', t.text)
        .addColumn('user_agent', t.text)
        .execute();
      await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
      await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute();

      await db.schema
        .createTable('projects')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('name', t.text, (c) => c.notNull().unique())
        .addColumn('repo_url', t.text)
        .addColumn('default_branch', t.text, (c) => c.notNull())
        .addColumn('settings', t.json, (c) => c.notNull())
        .addColumn('pipeline_path', t.text)
        .addColumn('pipeline_yaml', t.text)
        .addColumn('trigger_token_hash', t.text, (c) => c.unique())
        .addColumn('next_build_number', t.int, (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', t.millis, (c) => c.notNull())
        .addColumn('updated_at', t.millis, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('project_members')
        .addColumn('project_id', t.id, (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('role', t.text, (c) => c.notNull())
        .addColumn('created_at', t.millis, (c) => c.notNull())
        .addColumn('updated_at', t.millis, (c) => c.notNull())
        .addPrimaryKeyConstraint('project_members_pkey', ['project_id', 'user_id'])
        .addCheckConstraint('project_members_role_check', sql`role in ('admin', 'maintainer', 'developer', 'viewer')`)
        .execute();
      await db.schema.createIndex('project_members_user_idx').on('project_members').column('user_id').execute();

      await db.schema
        .createTable('secrets')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('project_id', t.id, (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('name', t.text, (c) => c.notNull())
        .addColumn('ciphertext', t.bytes, (c) => c.notNull())
        .addColumn('nonce', t.bytes, (c) => c.notNull())
        .addColumn('created_at', t.millis, (c) => c.notNull())
        .addColumn('updated_at', t.millis, (c) => c.notNull())
        .addUniqueConstraint('secrets_project_name_key', ['project_id', 'name'])
        .execute();

      await db.schema
        .createTable('audit_events')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('actor', t.text)
        .addColumn('action', t.text, (c) => c.notNull())
        .addColumn('target_type', t.text, (c) => c.notNull())
        .addColumn('target_id', t.text)
        .addColumn('project_id', t.id)
        .addColumn('request_id', t.text)
        .addColumn('details', t.json, (c) => c.notNull())
        .addColumn('at', t.millis, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_events_at_idx').on('audit_events').columns(['at', 'id']).execute();
      await db.schema.createIndex('audit_events_project_idx').on('audit_events').columns(['project_id', 'at']).execute();
      await db.schema.createIndex('audit_events_target_idx').on('audit_events').columns(['target_type', 'target_id']).execute();
    },
  };
}
