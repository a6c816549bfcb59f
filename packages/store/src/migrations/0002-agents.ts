import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from './column-types.js';

/** Agents and the registration tokens they are created with. */
export function agentsMigration(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('agent_registration_tokens')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('name', t.text, (c) => c.notNull())
        .addColumn('token_hash', t.text, (c) => c.notNull().unique())
        .addColumn('labels', t.json, (c) => c.notNull())
        .addColumn('created_by', t.id, (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', t.millis, (c) => c.notNull())
        .addColumn('expires_at', t.millis)
        .addColumn('revoked_at', t.millis)
        .addColumn('uses', t.int, (c) => c.notNull().defaultTo(0))
        .execute();

      await db.schema
        .createTable('agents')
        .addColumn('id', t.id, (c) => c.primaryKey())
        .addColumn('name', t.text, (c) => c.notNull())
        .addColumn('labels', t.json, (c) => c.notNull())
        .addColumn('capacity', t.int, (c) => c.notNull())
        .addColumn('version', t.text)
        .addColumn('status', t.text, (c) => c.notNull())
        .addColumn('draining', t.flag, (c) => c.notNull().defaultTo(0))
        .addColumn('ephemeral', t.flag, (c) => c.notNull().defaultTo(0))
        .addColumn('token_hash', t.text, (c) => c.notNull().unique())
        .addColumn('registration_token_id', t.id, (c) =>
          c.references('agent_registration_tokens.id').onDelete('set null'),
        )
        .addColumn('created_at', t.millis, (c) => c.notNull())
        .addColumn('last_seen_at', t.millis)
        .execute();
      await db.schema.createIndex('agents_status_idx').on('agents').columns(['status', 'last_seen_at']).execute();
    },
  };
}
