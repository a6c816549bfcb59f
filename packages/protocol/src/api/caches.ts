import { z } from 'zod';
import { Cursor, Id, Timestamp } from './common.js';

/** A cache key or restore key: 1-512 characters, no commas, no control characters. */
export const CacheKey = z.string().regex(/^[^,\u0000-\u001f]{1,512}$/, 'must be 1-512 characters without commas or control characters');
export type CacheKey = z.infer<typeof CacheKey>;

export const Cache = z.object({
  id: Id,
  /** `trusted:<branch>` or `untrusted:<branch>`: who wrote it and for which branch. */
  scope: z.string(),
  key: z.string(),
  size: z.number().int().min(0),
  createdAt: Timestamp,
  lastUsedAt: Timestamp,
});
export type Cache = z.infer<typeof Cache>;

export const ListCachesQuery = z.strictObject({
  /** Only keys starting with this. */
  key: z.string().min(1).max(512).optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListCachesQuery = z.infer<typeof ListCachesQuery>;
