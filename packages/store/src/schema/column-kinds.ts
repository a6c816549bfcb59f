/** Milliseconds since the epoch (INTEGER on SQLite, BIGINT on PostgreSQL, read back as number). */
export type Millis = number;

/** JSON serialized as text; repositories parse it. */
export type JsonText = string;

/** 0 or 1 (SQLite has no boolean type, so both dialects store an integer). */
export type Flag = number;

/** Raw bytes: BLOB on SQLite, BYTEA on PostgreSQL. */
export type Bytes = Buffer;
