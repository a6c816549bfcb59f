import { randomBytes } from 'node:crypto';
import type { JobPayload } from '@ritmo/protocol';
import { toError, type Logger } from '@ritmo/shared';
import { backoffDelay, sleep } from './backoff.js';
import { isUnauthorized } from './client/call-failure.js';
import type { AgentClient } from './client/create-agent-client.js';
import type { JobHandle } from './job/start-job.js';
import { createWakeSignal } from './wake-signal.js';

export interface AgentDeps {
  client: AgentClient;
  /** The agent's own token. */
  token: string;
  capacity: number;
  ephemeral: boolean;
  heartbeatIntervalMs: number;
  pollTimeoutMs: number;
  logger: Logger;
  /** Starts a claimed job; `giveUp` aborts when the agent stops waiting for its results. */
  startJob: (payload: JobPayload, giveUp: AbortSignal) => JobHandle;
}

export interface Agent {
  /** Claims and runs jobs until drained; resolves with the exit code once every job ended. */
  run(): Promise<number>;
  /** Claims nothing new; running jobs finish (heartbeats go on). */
  drain(): void;
  /** Drains and stops the running jobs (their attempts are reported lost, so they run again elsewhere). */
  cancelAll(reason: string): void;
  /** Stops waiting for results to be accepted (the last resort before exiting). */
  giveUp(): void;
  readonly running: number;
}

const newRequestId = (): string => `req_${randomBytes(12).toString('base64url')}`;

/**
 * The agent loop: long-polls for work while it has a free slot, runs each claimed job, heartbeats
 * every interval (at once after a claim, to confirm it), and stops jobs the server names. Invariant:
 * a claimed job is always run to a reported result, handed back, or left to its lease when the
 * server cannot be reached.
 */
export function createAgent(deps: AgentDeps): Agent {
  const { client, token, logger } = deps;
  const jobs = new Map<string, JobHandle>();
  const slotFreed = createWakeSignal();
  const beat = createWakeSignal();
  const stopBeats = new AbortController();
  const giveUp = new AbortController();
  let interval = deps.heartbeatIntervalMs;
  let draining = false;
  let drainedByServer = false;
  let fatal = false;
  let polling: AbortController | undefined;

  const heartbeats = async (): Promise<void> => {
    while (!stopBeats.signal.aborted) {
      const running = [...jobs.values()].map((j) => j.lease());
      const result = await client.heartbeat(token, { running, draining });
      if (result.ok) {
        interval = result.value.heartbeatIntervalMs;
        drainedByServer = result.value.draining;
        for (const c of result.value.cancel) jobs.get(`${c.jobId}-${c.attempt}`)?.cancel(c.reason, true);
      } else if (isUnauthorized(result.error)) {
        logger.error({ code: result.error.code }, 'the server no longer knows this agent; stopping');
        fatal = true;
        stop();
      } else {
        logger.warn({ code: result.error.code, message: result.error.message }, 'heartbeat failed');
      }
      await beat.wait(result.ok ? interval : Math.min(interval, 2_000), stopBeats.signal);
    }
  };

  /** After a drain cut a poll short, a claim the server made for it is fetched (same request id) and handed back. */
  const handBack = async (requestId: string): Promise<void> => {
    const last = await client.claim(token, { requestId, slots: 1, waitMs: 0 });
    if (!last.ok || last.value === null) return;
    const p = last.value;
    const released = await client.release({ jobId: p.jobId, attempt: p.attempt, leaseToken: p.leaseToken, jobToken: p.jobToken }, 'draining');
    logger.info({ jobId: p.jobId, released: released.ok }, 'handed a claimed job back');
  };

  const claim = async (): Promise<JobPayload | undefined> => {
    const requestId = newRequestId();
    for (let failures = 0; !draining; failures++) {
      polling = new AbortController();
      const result = await client.claim(token, { requestId, slots: deps.capacity - jobs.size, waitMs: deps.pollTimeoutMs }, polling.signal);
      polling = undefined;
      if (result.ok) return result.value ?? undefined;
      if (result.error.kind === 'aborted') break;
      if (isUnauthorized(result.error)) {
        logger.error({ code: result.error.code }, 'the server refused the agent token; stopping');
        fatal = true;
        draining = true;
        return undefined;
      }
      if (result.error.code === 'ERR_AGENT_JOB_NOT_PREPARED') {
        // The server failed that job itself (its secrets did not decrypt, say): claim again at once.
        logger.warn({ code: result.error.code, message: result.error.message }, 'the server could not prepare the claimed job');
        return undefined;
      }
      if (result.error.kind === 'rejected') {
        // Not worth repeating (a bad answer, say): a fresh request next time; a claim it made returns to the queue by itself.
        logger.error({ code: result.error.code, message: result.error.message }, 'claim refused');
        await sleep(backoffDelay(failures));
        return undefined;
      }
      logger.warn({ code: result.error.code, message: result.error.message }, 'claim failed; retrying');
      await sleep(backoffDelay(failures));
    }
    await handBack(requestId).catch((e: unknown) => logger.warn({ err: toError(e) }, 'could not hand a claim back'));
    return undefined;
  };

  const start = (payload: JobPayload): void => {
    const handle = deps.startJob(payload, giveUp.signal);
    jobs.set(handle.key, handle);
    beat.wake();
    void handle.done.finally(() => {
      jobs.delete(handle.key);
      slotFreed.wake();
    });
  };

  const polls = async (): Promise<void> => {
    while (!draining) {
      if (drainedByServer || jobs.size >= deps.capacity) {
        await slotFreed.wait(drainedByServer ? interval : 60_000);
        continue;
      }
      const payload = await claim();
      if (payload === undefined) continue;
      if (draining) {
        await client.release({ jobId: payload.jobId, attempt: payload.attempt, leaseToken: payload.leaseToken, jobToken: payload.jobToken }, 'draining');
        break;
      }
      start(payload);
      if (deps.ephemeral) draining = true;
    }
  };

  const stop = (): void => {
    draining = true;
    polling?.abort();
    slotFreed.wake();
  };

  return {
    async run() {
      const beating = heartbeats();
      await polls();
      while (jobs.size > 0) await Promise.all([...jobs.values()].map((j) => j.done));
      stopBeats.abort();
      await beating;
      const bye = await client.offline(token);
      if (!bye.ok) logger.warn({ code: bye.error.code }, 'could not say goodbye to the server');
      return fatal ? 1 : 0;
    },
    drain: stop,
    cancelAll(reason) {
      stop();
      for (const job of jobs.values()) job.cancel(reason, false);
    },
    giveUp: () => giveUp.abort(),
    get running() {
      return jobs.size;
    },
  };
}
