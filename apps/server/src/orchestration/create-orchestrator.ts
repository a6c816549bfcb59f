import { isRitmoError, type Clock, type Logger } from '@ritmo/shared';
import { isTransientDbError, type Build, type Step, type Store, type StoreTransaction } from '@ritmo/store';
import type { Publisher } from '../events/create-publisher.js';
import type { Metrics } from '../metrics/create-metrics.js';
import type { RepoMirror } from '../pipelines/create-repo-mirror.js';
import { advanceInTransaction } from './advance-in-transaction.js';
import { approveJobInTransaction, cancelBuildInTransaction, retryJobInTransaction } from './build-actions.js';
import type { BuildChanges } from './build-changes.js';
import { createBuildInTransaction } from './create-build-in-transaction.js';
import { finishJobInTransaction, startJobInTransaction, type JobResult } from './job-lifecycle.js';
import { prepareTrigger, type TriggerRequest } from './prepare-trigger.js';

export interface OrchestratorDeps {
  store: Store;
  publisher: Publisher;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  mirror: RepoMirror;
}

/**
 * Every change to a build's state goes through here: one transaction per change, then live events
 * for what changed. Agents (through the agent API) and the REST routes both call it.
 */
export function createOrchestrator(deps: OrchestratorDeps) {
  const { store, publisher, clock } = deps;

  const publish = (changes: BuildChanges): void => {
    for (const step of changes.steps) publisher.stepStatus(changes.build.id, step);
    for (const job of changes.jobs) publisher.jobStatus(job);
    if (changes.statusChanged) publisher.buildStatus(changes.build);
    if (changes.finished) publisher.buildFinished(changes.build);
    for (const other of changes.related ?? []) publish(other);
  };

  /**
   * Runs one change; a concurrent change to the same rows (ERR_STORE_CONFLICT, when asked) or a
   * transaction PostgreSQL rolled back as a deadlock victim (concurrency groups lock several builds)
   * gets another try.
   */
  const change = async (fn: (tx: StoreTransaction, now: number) => Promise<BuildChanges>, retryOnConflict = false): Promise<BuildChanges> => {
    const run = (): Promise<BuildChanges> => store.transaction((tx) => fn(tx, clock.now()));
    let changes: BuildChanges | undefined;
    for (let tries = 1; changes === undefined; tries++) {
      try {
        changes = await run();
      } catch (e: unknown) {
        const again = isTransientDbError(e) ? tries < 3 : retryOnConflict && tries < 2 && isRitmoError(e, 'ERR_STORE_CONFLICT');
        if (!again) throw e;
      }
    }
    publish(changes);
    return changes;
  };

  const created = (changes: BuildChanges): Build => {
    deps.metrics.buildsTriggered.inc({ event: changes.build.event });
    publisher.buildCreated(changes.build);
    return changes.build;
  };

  return {
    /** Compiles the pipeline and stores the build with its jobs; ERR_API_PIPELINE_INVALID / ERR_PIPELINE_INPUT_* otherwise. */
    async triggerBuild(request: TriggerRequest): Promise<Build> {
      const input = await prepareTrigger(request, deps.mirror);
      return created(await change((tx, now) => createBuildInTransaction(tx, input, now)));
    },
    /** A new build with the same plan, commit and inputs. */
    async retryBuild(build: Build, actor: string): Promise<Build> {
      const input = {
        projectId: build.projectId,
        event: build.event,
        ref: build.ref,
        sha: build.sha,
        branch: build.branch,
        tag: build.tag,
        actor,
        inputs: build.inputs,
        trusted: build.trusted,
        plan: build.plan,
        message: build.message,
        trigger: { ...build.trigger, retryOf: build.id },
      };
      return created(await change((tx, now) => createBuildInTransaction(tx, input, now)));
    },
    retryJob: (buildId: string, jobId: string) => change((tx, now) => retryJobInTransaction(tx, buildId, jobId, now)),
    cancelBuild: (buildId: string, actor: string) => change((tx, now) => cancelBuildInTransaction(tx, buildId, actor, now)),
    approveJob: (jobId: string, actor: string) => change((tx, now) => approveJobInTransaction(tx, jobId, actor, now)),
    /** Re-applies the DAG rules, e.g. after job state was written directly. */
    advance: (buildId: string) => change((tx, now) => advanceInTransaction(tx, buildId, now), true),

    /** A queued job was claimed and starts (the agent API calls this). */
    async startJob(jobId: string, agentId: string | null = null): Promise<BuildChanges> {
      const changes = await change((tx, now) => startJobInTransaction(tx, jobId, agentId, now));
      const job = changes.jobs.find((j) => j.id === jobId);
      if (job?.queuedAt != null && job.startedAt !== null) deps.metrics.jobWait.observe((job.startedAt - job.queuedAt) / 1000);
      return changes;
    },
    /** A running job ended (or its agent was lost); retries and the DAG follow. */
    async finishJob(jobId: string, result: JobResult): Promise<BuildChanges> {
      const before = await store.jobs.getJob(jobId);
      const changes = await change((tx, now) => finishJobInTransaction(tx, jobId, result, now));
      const job = changes.jobs.find((j) => j.id === jobId);
      if (before.startedAt !== null && job?.finishedAt != null) deps.metrics.jobDuration.observe({ status: job.status }, (job.finishedAt - before.startedAt) / 1000);
      return changes;
    },
    async updateStep(jobId: string, attempt: number, stepId: string, patch: Pick<Step, 'status'> & Partial<Pick<Step, 'exitCode'>>): Promise<Step> {
      const now = clock.now();
      const job = await store.jobs.getJob(jobId);
      const running = patch.status === 'running';
      const final = !running && patch.status !== 'pending' && patch.status !== 'waiting' && patch.status !== 'queued';
      const step = await store.steps.updateStep(jobId, attempt, stepId, {
        status: patch.status,
        ...(patch.exitCode === undefined ? {} : { exitCode: patch.exitCode }),
        ...(running ? { startedAt: now } : {}),
        ...(final ? { finishedAt: now } : {}),
      });
      publisher.stepStatus(job.buildId, step);
      return step;
    },
    /** Stores a log chunk (idempotent; gaps and overlaps are ERR_STORE_LOG_*) and streams the new bytes. */
    async appendLog(jobId: string, attempt: number, offset: number, data: Buffer): Promise<{ end: number }> {
      const job = await store.jobs.getJob(jobId);
      const { end, written } = await store.logs.appendLogChunk({ jobId, attempt, offset, data });
      if (written > 0) publisher.logLines(job.buildId, jobId, attempt, end - written, data.subarray(data.length - written));
      return { end };
    },
  };
}

export type Orchestrator = ReturnType<typeof createOrchestrator>;
