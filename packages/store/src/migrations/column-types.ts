import type { DialectName } from '../dialect/dialect-name.js';

/**
 * The only place where the two dialects' schemas differ. Ids are text, timestamps integers in
 * milliseconds, JSON text, flags integers; only raw bytes need a different type name.
 */
export interface ColumnTypes {
  id: 'text';
  text: 'text';
  int: 'integer';
  /** Integers that can pass 2^31 (byte offsets, sizes); read back as number. */
  bigint: 'bigint';
  millis: 'bigint';
  json: 'text';
  flag: 'integer';
  bytes: 'blob' | 'bytea';
}

export function columnTypes(dialect: DialectName): ColumnTypes {
  return {
    id: 'text',
    text: 'text',
    int: 'integer',
    bigint: 'bigint',
    millis: 'bigint',
    json: 'text',
    flag: 'integer',
    bytes: dialect === 'postgres' ? 'bytea' : 'blob',
  };
}
