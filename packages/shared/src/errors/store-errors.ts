import type { ErrorSpec } from '../error-catalog.js';

/** Codes thrown by packages/store (repositories, migrations, connections). */
export const storeErrors = {
  ERR_STORE_NOT_FOUND: { status: 404, summary: 'The requested record does not exist; `details` names the entity and the key.' },
  ERR_STORE_ALREADY_EXISTS: { status: 409, summary: 'A record with the same unique key already exists (project name, username, token prefix, delivery id ...).' },
  ERR_STORE_INVALID_REFERENCE: { status: 409, summary: 'A write refers to a record that does not exist, or a delete would orphan records that still refer to it.' },
  ERR_STORE_CONFLICT: { status: 409, summary: 'A guarded update found the record in another state than expected (it changed concurrently); `details` carries the current state.' },
  ERR_STORE_LEASE_CONFLICT: { status: 409, summary: 'A write carries a job lease (job, attempt, lease token) that no longer holds; `details.reason` says why: stale-attempt, lost, canceled, completed, released, token-mismatch or not-running.' },
  ERR_STORE_INVALID_CURSOR: { status: 400, summary: 'A pagination cursor is malformed, was tampered with, or belongs to another listing.' },
  ERR_STORE_LOG_GAP: { status: 409, summary: 'A log chunk starts after the end of the stored log; `details.expectedOffset` is where the next chunk must start.' },
  ERR_STORE_LOG_OVERLAP: { status: 409, summary: 'A log chunk overlaps stored bytes with different content; `details.expectedOffset` is the end of the stored log.' },
  ERR_STORE_MIGRATION_FAILED: { status: 500, summary: 'A database migration failed; the schema is left at the last migration that succeeded.' },
  ERR_STORE_UNAVAILABLE: { status: 503, summary: 'The database cannot be opened or reached (bad path, permissions, connection refused).' },
} as const satisfies Record<string, ErrorSpec>;
