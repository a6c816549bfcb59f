import type { RepoContext } from '../repo-context.js';

export interface ByteRange {
  /** First byte (default 0). */
  from?: number;
  /** One past the last byte (default: the end of the log). */
  to?: number;
}

/** The bytes of `[from, to)` of one attempt's log; shorter than asked when the log ends first. */
export async function readLog(ctx: RepoContext, jobId: string, attempt: number, range: ByteRange = {}): Promise<Buffer> {
  const from = Math.max(0, range.from ?? 0);
  const to = range.to ?? Number.MAX_SAFE_INTEGER;
  if (to <= from) return Buffer.alloc(0);
  // The chunk that contains `from` starts at or before it.
  const first = await ctx.db
    .selectFrom('log_chunks')
    .select('byte_offset')
    .where('job_id', '=', jobId)
    .where('attempt', '=', attempt)
    .where('byte_offset', '<=', from)
    .orderBy('byte_offset', 'desc')
    .limit(1)
    .executeTakeFirst();
  const start = first === undefined ? 0 : Number(first.byte_offset);
  const rows = await ctx.db
    .selectFrom('log_chunks')
    .select(['byte_offset', 'data'])
    .where('job_id', '=', jobId)
    .where('attempt', '=', attempt)
    .where('byte_offset', '>=', start)
    .where('byte_offset', '<', to)
    .orderBy('byte_offset')
    .execute();
  if (rows.length === 0) return Buffer.alloc(0);
  const all = Buffer.concat(rows.map((r) => r.data));
  const base = Number(rows[0]?.byte_offset ?? 0);
  return all.subarray(Math.max(0, from - base), Math.max(0, to - base));
}
