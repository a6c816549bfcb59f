import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * The WHERE part of a guarded update: no guard passes every row, an empty list passes none. Guarded
 * updates make state changes compare-and-set, so two writers cannot both move a row out of a state.
 */
export function statusGuard(allowed: readonly string[] | undefined): Expression<SqlBool> {
  if (allowed === undefined) return sql<SqlBool>`1 = 1`;
  if (allowed.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`${sql.ref('status')} in (${sql.join(allowed)})`;
}
