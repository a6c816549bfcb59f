import type { Job, RitmoClient } from '@ritmo/client';
import type { BuildPrinter } from './create-build-printer.js';

const decoder = new TextDecoder();

/**
 * Prints what the server stored of a job's current attempt past what the printer has: the rest of
 * the log, or with `tail` its last lines (the printer then starts there).
 */
export async function readJobLog(client: RitmoClient, job: Job, printer: BuildPrinter, options: { tail?: number; signal?: AbortSignal } = {}): Promise<void> {
  const known = printer.position(job.id);
  const from = known !== undefined && known.attempt === job.attempt ? known.offset : 0;
  if (job.logSize <= from) return;
  const signal = options.signal ? { signal: options.signal } : {};
  const range =
    options.tail === undefined
      ? await client.jobs.readLog(job.id, { offset: from, attempt: job.attempt, ...signal })
      : await client.jobs.readLog(job.id, { tail: options.tail, attempt: job.attempt, ...signal });
  if (options.tail !== undefined) printer.seek(job.id, { attempt: job.attempt, offset: range.offset });
  printer.log(job.id, job.attempt, range.offset, range.nextOffset, decoder.decode(range.bytes));
}
