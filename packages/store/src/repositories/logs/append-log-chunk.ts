import { RitmoError } from '@ritmo/shared';
import { withDbErrors } from '../db-errors.js';
import type { RepoContext } from '../repo-context.js';
import { logEnd } from './log-end.js';
import { readLog } from './read-log.js';

export interface LogChunkInput {
  jobId: string;
  attempt: number;
  /** Where `data` starts in the attempt's log. */
  offset: number;
  data: Buffer;
}

export interface AppendResult {
  /** The end of the stored log after this call: the offset the next chunk must start at. */
  end: number;
  /** Bytes newly stored (0 when the chunk was already stored). */
  written: number;
}

const MAX_RACES = 5;

/**
 * Appends a chunk idempotently. A chunk at the end is stored; one that repeats stored bytes exactly
 * is accepted (only a new tail, if any, is stored); one that starts past the end is a gap
 * (ERR_STORE_LOG_GAP) and one that contradicts stored bytes an overlap (ERR_STORE_LOG_OVERLAP), both
 * carrying `expectedOffset`. Every insert happens at the end a writer observed, under the primary key
 * (job, attempt, offset), so two writers racing for the same end cannot both succeed; the loser re-reads.
 */
export async function appendLogChunk(ctx: RepoContext, input: LogChunkInput): Promise<AppendResult> {
  const { jobId, attempt, offset, data } = input;
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new RitmoError('ERR_INVALID_ARGUMENT', `log offset must be a non-negative integer, got ${offset}`);
  }
  for (let race = 0; race < MAX_RACES; race++) {
    const end = await logEnd(ctx, jobId, attempt);
    if (offset > end) {
      throw new RitmoError('ERR_STORE_LOG_GAP', `log chunk at ${offset} leaves a gap: the log ends at ${end}`, {
        details: { jobId, attempt, offset, expectedOffset: end },
      });
    }
    if (offset < end) {
      const overlapEnd = Math.min(offset + data.length, end);
      const stored = await readLog(ctx, jobId, attempt, { from: offset, to: overlapEnd });
      if (!stored.equals(data.subarray(0, overlapEnd - offset))) {
        throw new RitmoError('ERR_STORE_LOG_OVERLAP', `log chunk at ${offset} differs from the stored bytes (the log ends at ${end})`, {
          details: { jobId, attempt, offset, expectedOffset: end },
        });
      }
    }
    const rest = data.subarray(end - offset);
    if (rest.length === 0) return { end, written: 0 };
    const inserted = await withDbErrors('log chunk', { jobId, attempt }, () =>
      ctx.db
        .insertInto('log_chunks')
        .values({ job_id: jobId, attempt, byte_offset: end, length: rest.length, data: rest, created_at: ctx.clock.now() })
        .onConflict((oc) => oc.columns(['job_id', 'attempt', 'byte_offset']).doNothing())
        .returning('byte_offset')
        .executeTakeFirst(),
    );
    if (inserted !== undefined) return { end: end + rest.length, written: rest.length };
  }
  throw new RitmoError('ERR_STORE_CONFLICT', `log of job ${jobId} attempt ${attempt} kept changing while appending`, {
    details: { entity: 'log chunk', jobId, attempt, status: 'racing', expected: [] },
  });
}
