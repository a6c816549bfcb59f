import type { RepoContext } from '../repo-context.js';
import { appendLogChunk, type AppendResult, type LogChunkInput } from './append-log-chunk.js';
import { logEnd } from './log-end.js';
import { readLog, type ByteRange } from './read-log.js';

export interface LogChunksRepository {
  appendLogChunk(input: LogChunkInput): Promise<AppendResult>;
  readLog(jobId: string, attempt: number, range?: ByteRange): Promise<Buffer>;
  /** Bytes stored for the attempt (= where the next chunk starts). */
  getLogSize(jobId: string, attempt: number): Promise<number>;
  /** Drops an attempt's chunks (after compaction to the blob store); returns how many. */
  deleteLogChunks(jobId: string, attempt: number): Promise<number>;
}

export function createLogChunksRepository(ctx: RepoContext): LogChunksRepository {
  return {
    appendLogChunk: (input) => appendLogChunk(ctx, input),
    readLog: (jobId, attempt, range) => readLog(ctx, jobId, attempt, range),
    getLogSize: (jobId, attempt) => logEnd(ctx, jobId, attempt),
    async deleteLogChunks(jobId, attempt) {
      const result = await ctx.db.deleteFrom('log_chunks').where('job_id', '=', jobId).where('attempt', '=', attempt).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
