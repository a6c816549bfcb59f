import type { StoreTransaction } from '@ritmo/store';

/**
 * Serializes every change to one build's jobs. On PostgreSQL two jobs of a build finishing at once
 * would otherwise each see the other still running and neither would queue their common dependent.
 * SQLite transactions are serialized already (BEGIN IMMEDIATE).
 */
export async function lockBuild(tx: StoreTransaction, buildId: string): Promise<void> {
  if (tx.dialect !== 'postgres') return;
  await tx.db.selectFrom('builds').select('id').where('id', '=', buildId).forUpdate().execute();
}
