import { z } from 'zod';
import { Timestamp } from './common.js';

/** `GET /api/v1/jobs/{id}/log/search`: find lines of a job's log that contain `q`. */
export const LogSearchQuery = z.strictObject({
  q: z.string().min(1).max(256),
  /** Most matches in one answer. */
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  attempt: z.coerce.number().int().min(1).optional(),
  /** `1`/`true`: match case exactly. Otherwise ASCII letters match in either case. */
  case: z.enum(['0', '1', 'true', 'false']).optional(),
  /** A previous answer's `next`: continue after its last match. */
  cursor: z.string().regex(/^\d{1,15}\.\d{1,15}$/, 'must be a cursor from a previous answer').optional(),
});
export type LogSearchQuery = z.infer<typeof LogSearchQuery>;

export const LogSearchMatch = z.object({
  /** 1-based line number. */
  line: z.number().int().min(1),
  /** Byte offset where the line starts. */
  offset: z.number().int().min(0),
  /** The line (at most 1,000 bytes of it), as stored: ANSI escapes included. */
  text: z.string(),
});
export type LogSearchMatch = z.infer<typeof LogSearchMatch>;

export const LogSearchResult = z.object({
  matches: z.array(LogSearchMatch),
  /** Pass as `cursor` for more matches; null when the whole log was searched. */
  next: z.string().nullable(),
  /** Bytes of log searched in this answer, and the log's size when the search ran. */
  scanned: z.number().int(),
  size: z.number().int(),
});
export type LogSearchResult = z.infer<typeof LogSearchResult>;

/** `GET /api/v1/jobs/{id}/log/times`: when the server received each stored part of a log. */
export const LogTimesQuery = z.strictObject({
  from: z.coerce.number().int().min(0).default(0),
  to: z.coerce.number().int().min(0).optional(),
  attempt: z.coerce.number().int().min(1).optional(),
});
export type LogTimesQuery = z.infer<typeof LogTimesQuery>;

/** Each entry: the bytes from `offset` up to the next entry's offset arrived at `at`. */
export const LogTimes = z.object({ parts: z.array(z.object({ offset: z.number().int().min(0), at: Timestamp })) });
export type LogTimes = z.infer<typeof LogTimes>;
