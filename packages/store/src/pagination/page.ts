import { sql, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { decodeCursor, encodeCursor, type Cursor, type CursorKey } from './cursor.js';

export interface PageRequest {
  /** Items per page: default 50, at most 500. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; null on the last page. */
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** How one listing is ordered: a sort column, then the id as tie-breaker. */
export interface Keyset<T> {
  listing: string;
  sortColumn: string;
  idColumn: string;
  direction: 'asc' | 'desc';
  keyType: 'string' | 'number';
  keyOf: (item: T) => [CursorKey, string];
}

export function pageSize(request: PageRequest | undefined): number {
  const limit = request?.limit;
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(limit)));
}

export function readCursor<T>(keyset: Keyset<T>, request: PageRequest | undefined): Cursor | undefined {
  const cursor = request?.cursor;
  return cursor === undefined || cursor === '' ? undefined : decodeCursor(keyset.listing, cursor, keyset.keyType);
}

/** `(sort, id) > (key, id)` (or `<` descending): the rows after the cursor, in both dialects. */
export function afterCursor<T>(keyset: Keyset<T>, cursor: Cursor): Expression<SqlBool> {
  const op = keyset.direction === 'asc' ? sql.raw('>') : sql.raw('<');
  return sql<SqlBool>`(${sql.ref(keyset.sortColumn)}, ${sql.ref(keyset.idColumn)}) ${op} (${cursor.key}, ${cursor.id})`;
}

/** Rows were fetched with `limit + 1`; the extra one only tells whether there is a next page. */
export function toPage<T>(keyset: Keyset<T>, rows: T[], limit: number): Page<T> {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  const last = items[items.length - 1] as T;
  const [key, id] = keyset.keyOf(last);
  return { items, nextCursor: encodeCursor(keyset.listing, key, id) };
}

/** Applies the keyset (cursor, order, limit) to a select and maps its rows into one page. */
export async function fetchPage<DB, TB extends keyof DB, O, T>(
  query: SelectQueryBuilder<DB, TB, O>,
  keyset: Keyset<T>,
  request: PageRequest | undefined,
  map: (row: O) => T,
): Promise<Page<T>> {
  const limit = pageSize(request);
  const cursor = readCursor(keyset, request);
  const filtered = cursor === undefined ? query : query.where(afterCursor(keyset, cursor));
  const rows = await filtered
    .orderBy(sql.ref(keyset.sortColumn), keyset.direction)
    .orderBy(sql.ref(keyset.idColumn), keyset.direction)
    .limit(limit + 1)
    .execute();
  return toPage(keyset, rows.map(map), limit);
}
