import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobPayload, RunningJob } from '@ritmo/protocol';
import { runJob, type Executor, type JobResult } from '@ritmo/runner';
import { toError, type Logger } from '@ritmo/shared';
import type { AgentClient, JobAuth } from '../client/create-agent-client.js';
import { createJobTransfers, transferTmpDir } from '../artifacts/create-job-transfers.js';
import { createTransferClient } from '../artifacts/create-transfer-client.js';
import { jobContext } from '../job-context.js';
import { checkout } from './checkout.js';
import { createLogShipper } from './create-log-shipper.js';
import { createStepReporter } from './create-step-reporter.js';
import { reportResult, type JobReport } from './report-result.js';
import { watchJob } from './watch-job.js';

export interface JobRunDeps {
  client: AgentClient;
  executor: Executor;
  workDir: string;
  logger: Logger;
  /** How long a job watch is held on the server. */
  watchMs: number;
  killGraceMs?: number;
  /** Where artifacts and caches travel (default: the server URL the job payload names). */
  serverUrl?: string;
}

/** A job the agent runs, as the agent loop sees it. */
export interface JobHandle {
  key: string;
  /** What the heartbeat reports. */
  lease(): RunningJob;
  /** Stops the job: `stale` when the lease is gone (no result is sent), else the agent is going away. */
  cancel(reason: string, stale: boolean): void;
  /** Settles once the job ended, its result was reported (or dropped) and its workspace removed. */
  done: Promise<void>;
}

function reportOf(result: JobResult | undefined, failure: string | undefined, shutdown: boolean): JobReport {
  if (shutdown) return { status: 'failure', exitCode: null, outputs: result?.outputs ?? {}, reason: 'agent-lost' };
  if (result === undefined) return { status: 'failure', exitCode: null, outputs: {}, reason: failure ?? 'agent-error' };
  return { status: result.status, exitCode: result.exitCode, outputs: result.outputs, reason: result.timedOut ? 'timeout' : null };
}

/**
 * Runs a claimed job in its own workspace under the work dir: checkout, runJob with logs and steps
 * shipped as they happen, a watch for cancellation, then the result, then cleanup. A 409 on any write
 * or a cancel from the server aborts runJob (its step processes are signalled at once).
 */
export function startJob(deps: JobRunDeps, payload: JobPayload, giveUp: AbortSignal): JobHandle {
  const key = `${payload.jobId}-${payload.attempt}`;
  const logger = deps.logger.child({ jobId: payload.jobId, buildId: payload.buildId, attempt: payload.attempt });
  const auth: JobAuth = { jobId: payload.jobId, attempt: payload.attempt, leaseToken: payload.leaseToken, jobToken: payload.jobToken };
  const workspace = join(deps.workDir, 'jobs', key);
  const stopper = new AbortController();
  let stale: string | undefined;
  let shutdown = false;
  const onStale = (reason: string): void => {
    if (stale !== undefined) return;
    stale = reason;
    logger.info({ reason }, 'the server stopped the job');
    stopper.abort(reason);
  };
  const shipper = createLogShipper({ send: (offset, data) => deps.client.log(auth, offset, data), spoolPath: join(deps.workDir, 'spool', `${key}.log`), startOffset: payload.logOffset, logger, onStale });
  const steps = createStepReporter({ send: (stepId, update) => deps.client.step(auth, stepId, update), logger, onStale });
  const system = (text: string): void => shipper.write(Buffer.from(text.endsWith('\n') ? text : `${text}\n`));
  const transfers = createJobTransfers({
    client: createTransferClient({ serverUrl: deps.serverUrl ?? payload.serverUrl, auth }),
    job: payload.job,
    context: jobContext(payload),
    workspace,
    tmpDir: transferTmpDir(deps.workDir, key),
    log: system,
    signal: stopper.signal,
  });

  const run = async (): Promise<void> => {
    const watching = new AbortController();
    void watchJob({ watch: (ms, signal) => deps.client.watch(auth, ms, signal), waitMs: deps.watchMs, signal: watching.signal, logger, onCancel: onStale });
    let result: JobResult | undefined;
    let failure: string | undefined;
    try {
      if (payload.repo !== null) await checkout(payload.repo, workspace, stopper.signal, system);
      await transfers.before();
      result = await runJob({
        job: payload.job,
        executor: deps.executor,
        workspace,
        context: jobContext(payload),
        pipelineEnv: payload.pipelineEnv,
        secrets: payload.secrets,
        signal: stopper.signal,
        onLog: (line) => shipper.write(Buffer.from(`${line.text}\n`)),
        onStep: (event) => steps.report(event),
        ...(deps.killGraceMs === undefined ? {} : { killGraceMs: deps.killGraceMs }),
      });
      result = await transfers.after(result);
    } catch (e: unknown) {
      const error = toError(e) as Error & { code?: string };
      failure = error.code === 'ERR_AGENT_CHECKOUT_FAILED' ? 'checkout-failed' : `agent-error: ${error.message}`;
      system(`ritmo: ${error.code ?? 'ERR_INTERNAL'}: ${error.message}`);
      logger.error({ err: error }, 'job could not run');
    } finally {
      watching.abort();
      await transfers.dispose();
    }
    await steps.flush(giveUp);
    await shipper.close(giveUp);
    if (stale === undefined) await reportResult({ complete: (r) => deps.client.complete(auth, r), report: reportOf(result, failure, shutdown), logger, signal: giveUp });
  };

  logger.info({ job: payload.job.name }, 'job started');
  const done = run()
    .catch((e: unknown) => logger.error({ err: toError(e) }, 'job handling failed'))
    .finally(async () => {
      await shipper.dispose();
      await rm(workspace, { recursive: true, force: true }).catch((e: unknown) => logger.warn({ err: toError(e) }, 'could not remove the workspace'));
      logger.info({}, 'job done');
    });
  return {
    key,
    lease: () => ({ jobId: payload.jobId, attempt: payload.attempt, leaseToken: payload.leaseToken, logOffset: shipper.acked }),
    cancel(reason, isStale) {
      if (isStale) return onStale(reason);
      shutdown = true;
      stopper.abort(reason);
    },
    done,
  };
}
