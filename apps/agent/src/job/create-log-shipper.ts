import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { toError, type Logger } from '@ritmo/shared';
import { backoffDelay, sleep } from '../backoff.js';
import { isStale, staleReason, type CallFailure } from '../client/call-failure.js';
import type { CallResult } from '../client/create-agent-client.js';

export interface LogShipperOptions {
  /** Sends bytes at `offset`; answers the end of the stored log. */
  send: (offset: number, data: Buffer) => Promise<CallResult<{ offset: number }>>;
  /** The spool file: every byte is written here first, so nothing waits in memory while the server is away. */
  spoolPath: string;
  logger: Logger;
  /** The lease is gone (409): stop the job. */
  onStale: (reason: string) => void;
  /** Bytes the server already has for this attempt. */
  startOffset?: number;
  flushAfterMs?: number;
  maxChunkBytes?: number;
}

export interface LogShipper {
  /** Appends bytes to the log (never blocks; shipping happens in the background). */
  write(data: Buffer): void;
  /** Bytes the server acknowledged. */
  readonly acked: number;
  /** Bytes written so far. */
  readonly written: number;
  /** Ships what is left; resolves once all of it is acknowledged, the lease is gone, or `signal` aborts. */
  close(signal?: AbortSignal): Promise<void>;
  /** Removes the spool file. */
  dispose(): Promise<void>;
}

/** Where a 409 about log offsets says to resume (a gap: resend from there; an overlap: skip to there). */
function resyncOffset(failure: CallFailure): number | undefined {
  if (failure.code !== 'ERR_STORE_LOG_GAP' && failure.code !== 'ERR_STORE_LOG_OVERLAP') return undefined;
  const offset = (failure.details as { expectedOffset?: unknown } | null)?.expectedOffset;
  return typeof offset === 'number' ? offset : undefined;
}

/**
 * Ships a job's log as chunks with byte offsets: batched (at most `flushAfterMs` or `maxChunkBytes`),
 * spooled on disk, retried with backoff while the server is unreachable, and resumed from the offset
 * the server acknowledges (chunks are idempotent there, so a resent chunk is harmless).
 */
export function createLogShipper(options: LogShipperOptions): LogShipper {
  const flushAfterMs = options.flushAfterMs ?? 200;
  const maxChunk = options.maxChunkBytes ?? 64 * 1024;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let fileEnd = 0;
  let acked = options.startOffset ?? 0;
  let stopped = false;
  let file: Promise<FileHandle> | undefined;
  let persisting: Promise<void> = Promise.resolve();
  let pumping: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const handle = (): Promise<FileHandle> =>
    (file ??= mkdir(dirname(options.spoolPath), { recursive: true }).then(() => open(options.spoolPath, 'w+', 0o600)));

  /** Moves buffered bytes to the spool file, in order. A spool that cannot be written stops the shipping. */
  const persist = (): Promise<void> => {
    persisting = persisting.then(async () => {
      if (pendingBytes === 0 || stopped) return;
      const count = pending.length;
      const data = Buffer.concat(pending.slice(0, count));
      try {
        await (await handle()).write(data, 0, data.length, fileEnd);
      } catch (e: unknown) {
        stopped = true;
        options.logger.error({ err: toError(e), spool: options.spoolPath }, 'could not spool the log; the rest of the log is not shipped');
        return;
      }
      pending = pending.slice(count);
      pendingBytes -= data.length;
      fileEnd += data.length;
    });
    return persisting;
  };

  const readChunk = async (from: number): Promise<Buffer> => {
    const length = Math.min(fileEnd - from, maxChunk);
    const buffer = Buffer.alloc(length);
    await (await handle()).read(buffer, 0, length, from);
    // Full chunks end at a line end when there is one, so no character is split between two chunks.
    const cut = length === maxChunk ? buffer.lastIndexOf(10) : -1;
    return cut > 0 ? buffer.subarray(0, cut + 1) : buffer;
  };

  const pump = async (): Promise<void> => {
    let failures = 0;
    for (;;) {
      await persist();
      if (stopped || acked >= fileEnd) return;
      const chunk = await readChunk(acked);
      const result = await options.send(acked, chunk);
      if (result.ok) {
        acked = result.value.offset;
        failures = 0;
        continue;
      }
      const resume = resyncOffset(result.error);
      if (resume !== undefined) {
        acked = resume;
      } else if (isStale(result.error)) {
        stopped = true;
        options.logger.info({ offset: acked, status: result.error.status, reason: staleReason(result.error) }, 'log chunk refused: the lease is gone');
        options.onStale(staleReason(result.error));
      } else if (result.error.kind === 'unreachable') {
        options.logger.warn({ code: result.error.code, offset: acked, spooled: fileEnd - acked }, 'log shipping failed; retrying');
        await sleep(backoffDelay(failures++));
      } else {
        stopped = true;
        options.logger.error({ code: result.error.code, message: result.error.message }, 'the server refused a log chunk; the rest of the log is not shipped');
      }
    }
  };

  const kick = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    pumping ??= pump()
      .catch((e: unknown) => options.logger.error({ err: toError(e) }, 'log shipping stopped'))
      .finally(() => {
        pumping = undefined;
        if (!stopped && pendingBytes > 0) schedule();
      });
    return pumping;
  };

  const schedule = (): void => {
    if (pumping !== undefined || timer !== undefined) return;
    timer = setTimeout(() => void kick(), flushAfterMs);
  };

  return {
    write(data) {
      if (stopped || data.length === 0) return;
      pending.push(data);
      pendingBytes += data.length;
      if (pendingBytes >= maxChunk) void persist();
      schedule();
    },
    get acked() {
      return acked;
    },
    get written() {
      return fileEnd + pendingBytes;
    },
    async close(signal) {
      while (!stopped && !signal?.aborted && acked < fileEnd + pendingBytes) {
        const done = kick();
        await Promise.race([done, new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }))]);
      }
    },
    async dispose() {
      if (timer !== undefined) clearTimeout(timer);
      stopped = true;
      await persisting.catch(() => undefined);
      const opened = file;
      file = undefined;
      await (await opened?.catch(() => undefined))?.close().catch(() => undefined);
      await rm(options.spoolPath, { force: true });
    },
  };
}
