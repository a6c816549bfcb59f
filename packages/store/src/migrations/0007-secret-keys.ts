import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from './column-types.js';

/**
 * Secrets remember which key encrypted them (so the key can be rotated later), and an untrusted
 * build (a fork pull request) can be approved by a maintainer to receive the project's secrets.
 */
export function secretKeysMigration(t: ColumnTypes): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // SQLite adds one column per ALTER TABLE. Rows from before have no key id (null).
      await db.schema.alterTable('secrets').addColumn('key_id', t.text).execute();
      await db.schema.alterTable('builds').addColumn('secrets_approved_by', t.id).execute();
      await db.schema.alterTable('builds').addColumn('secrets_approved_at', t.millis).execute();
    },
  };
}
