import type { CompleteJobRequest } from '@ritmo/protocol';
import type { Logger } from '@ritmo/shared';
import { backoffDelay, sleep } from '../backoff.js';
import { isStale, staleReason } from '../client/call-failure.js';
import type { CallResult } from '../client/create-agent-client.js';

export type JobReport = Pick<CompleteJobRequest, 'status' | 'exitCode' | 'outputs' | 'reason'>;

/**
 * Sends the attempt's result, retrying while the server is unreachable, until it is taken, refused
 * (a 409 means the lease is gone: the result no longer counts), or `signal` gives up.
 */
export async function reportResult(options: {
  complete: (report: JobReport) => Promise<CallResult<{ status: string; requeued: boolean }>>;
  report: JobReport;
  logger: Logger;
  signal?: AbortSignal;
}): Promise<'reported' | 'stale' | 'refused' | 'gave-up'> {
  for (let failures = 0; ; failures++) {
    const result = await options.complete(options.report);
    if (result.ok) {
      options.logger.info({ status: options.report.status, jobStatus: result.value.status, requeued: result.value.requeued }, 'job result reported');
      return 'reported';
    }
    if (isStale(result.error)) {
      options.logger.info({ reason: staleReason(result.error) }, 'job result not taken: the lease is gone');
      return 'stale';
    }
    if (result.error.kind !== 'unreachable') {
      options.logger.error({ code: result.error.code, message: result.error.message }, 'the server refused the job result');
      return 'refused';
    }
    if (options.signal?.aborted) return 'gave-up';
    options.logger.warn({ code: result.error.code, failures: failures + 1 }, 'could not report the job result; retrying');
    await sleep(backoffDelay(failures), options.signal);
  }
}
