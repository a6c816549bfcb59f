import type { StepUpdateRequest } from '@ritmo/protocol';
import type { StepEvent } from '@ritmo/runner';
import { toError, type Logger } from '@ritmo/shared';
import { backoffDelay, sleep } from '../backoff.js';
import { isStale, staleReason } from '../client/call-failure.js';
import type { CallResult } from '../client/create-agent-client.js';

type Update = Omit<StepUpdateRequest, 'attempt' | 'leaseToken'>;

export interface StepReporter {
  report(event: StepEvent): void;
  /** Resolves once every update was sent (or dropped because the lease is gone), or `signal` aborts. */
  flush(signal?: AbortSignal): Promise<void>;
}

/** The server's step status for a runner step event. */
function toUpdate(event: StepEvent): Update {
  if (event.type === 'started') return { status: 'running' };
  return { status: event.result.status, exitCode: event.result.exitCode };
}

/**
 * Sends step updates in order, one at a time, retrying while the server is unreachable. A 409 means
 * the lease is gone: the job stops and nothing more is sent.
 */
export function createStepReporter(options: { send: (stepId: string, update: Update) => Promise<CallResult<unknown>>; logger: Logger; onStale: (reason: string) => void }): StepReporter {
  const queue: { stepId: string; update: Update }[] = [];
  let stopped = false;
  let sending: Promise<void> | undefined;

  const drain = async (): Promise<void> => {
    let failures = 0;
    while (!stopped && queue.length > 0) {
      const next = queue[0] as { stepId: string; update: Update };
      const result = await options.send(next.stepId, next.update);
      if (!result.ok && result.error.kind === 'unreachable') {
        await sleep(backoffDelay(failures++));
        continue;
      }
      queue.shift();
      failures = 0;
      if (result.ok) continue;
      if (isStale(result.error)) {
        stopped = true;
        options.logger.info({ stepId: next.stepId, status: result.error.status, reason: staleReason(result.error) }, 'step update refused: the lease is gone');
        options.onStale(staleReason(result.error));
      } else {
        options.logger.warn({ stepId: next.stepId, code: result.error.code, message: result.error.message }, 'the server refused a step update');
      }
    }
  };

  const kick = (): Promise<void> =>
    (sending ??= drain()
      .catch((e: unknown) => options.logger.error({ err: toError(e) }, 'step reporting stopped'))
      .finally(() => {
        sending = undefined;
      }));

  return {
    report(event) {
      if (stopped) return;
      queue.push({ stepId: event.stepId, update: toUpdate(event) });
      void kick();
    },
    async flush(signal) {
      while (!stopped && queue.length > 0 && !signal?.aborted) {
        await Promise.race([kick(), new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }))]);
      }
    },
  };
}
