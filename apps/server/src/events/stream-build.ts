import type { LiveEvent, LogLinesEvent } from '@ritmo/protocol';
import { isFinalStatus } from '@ritmo/pipeline';
import { toError, type Logger } from '@ritmo/shared';
import type { Build, Job, Store } from '@ritmo/store';
import { toBuildDto } from '../dto/to-build-dto.js';
import { buildTopic, type EventHub } from './event-hub.js';
import type { LiveSink } from './live-sink.js';
import { decodeLogCursor, encodeLogCursor, type LogPositions } from './log-cursor.js';

export interface BuildStreamRequest {
  buildId: string;
  /** Which jobs' logs to follow: all, none, or these job ids. */
  logs: 'all' | 'none' | ReadonlySet<string>;
  /** Last-Event-ID from the client, if it resumes. */
  lastEventId?: string;
  /** With exactly one followed job: where its log starts. */
  offset?: number;
}

/** Largest read from the store in one go when catching up on a log. */
const READ_BYTES = 256 * 1024;

/**
 * One build's live stream. It subscribes first, then sends the current state (build, jobs, steps),
 * then each followed log from where the client is, then live events in order. Log events are checked
 * against the positions sent: repeats are dropped and gaps are filled from the store, so the client
 * gets every byte exactly once whatever the hub delivers. Ends after build.finished.
 */
export async function streamBuild(
  deps: { store: Store; hub: EventHub; logger: Logger },
  request: BuildStreamRequest,
  open: () => LiveSink,
): Promise<void> {
  const { store } = deps;
  const buffered: LiveEvent[] = [];
  let live: ((e: LiveEvent) => void) | undefined;
  const unsubscribe = deps.hub.subscribe(buildTopic(request.buildId), (e) => (live ? live(e) : buffered.push(e)));
  let build: Build;
  let jobs: Job[];
  let positions: LogPositions;
  try {
    build = await store.builds.getBuild(request.buildId);
    jobs = await store.jobs.listBuildJobs(request.buildId);
    positions = request.lastEventId ? decodeLogCursor(request.lastEventId, jobs.map((j) => j.id)) : new Map();
  } catch (e: unknown) {
    unsubscribe();
    throw e;
  }
  // Nothing can fail the request from here on: the response becomes the stream.
  const sink = open();
  sink.signal.addEventListener('abort', unsubscribe, { once: true });
  const order = jobs.map((j) => j.id);
  const follows = (jobId: string): boolean => request.logs === 'all' || (request.logs !== 'none' && request.logs.has(jobId));
  if (request.offset !== undefined && request.logs instanceof Set && request.logs.size === 1) {
    const [only] = [...request.logs];
    const job = jobs.find((j) => j.id === only);
    if (job) positions.set(job.id, { attempt: job.attempt, offset: request.offset });
  }
  for (const job of jobs) {
    const p = positions.get(job.id);
    if (!p || p.attempt !== job.attempt) positions.set(job.id, { attempt: job.attempt, offset: 0 });
  }

  const sendLog = (jobId: string, attempt: number, offset: number, bytes: Buffer): void => {
    positions.set(jobId, { attempt, offset: offset + bytes.length });
    const event: LogLinesEvent = { type: 'log.lines', buildId: request.buildId, jobId, attempt, offset, nextOffset: offset + bytes.length, text: bytes.toString('utf8') };
    sink.send(encodeLogCursor(positions, order), event);
  };
  /** Sends the stored log of a job from the client's position up to `until` (default: all of it). */
  const catchUp = async (jobId: string, until?: number): Promise<void> => {
    for (;;) {
      const p = positions.get(jobId);
      if (!p || sink.signal.aborted) return;
      const to = Math.min(p.offset + READ_BYTES, until ?? Number.MAX_SAFE_INTEGER);
      if (to <= p.offset) return;
      const bytes = await store.logs.readLog(jobId, p.attempt, { from: p.offset, to });
      if (bytes.length === 0) return;
      sendLog(jobId, p.attempt, p.offset, bytes);
    }
  };

  const onLog = async (e: LogLinesEvent): Promise<void> => {
    if (!follows(e.jobId)) return;
    let p = positions.get(e.jobId);
    if (!p || e.attempt > p.attempt) positions.set(e.jobId, (p = { attempt: e.attempt, offset: 0 }));
    if (e.attempt < p.attempt || e.nextOffset <= p.offset) return;
    if (e.offset > p.offset) return catchUp(e.jobId, e.nextOffset);
    const bytes = Buffer.from(e.text, 'utf8');
    if (bytes.length === e.nextOffset - e.offset) sendLog(e.jobId, e.attempt, p.offset, bytes.subarray(p.offset - e.offset));
    else await catchUp(e.jobId, e.nextOffset);
  };

  let done = false;
  const handle = async (e: LiveEvent): Promise<void> => {
    if (done) return;
    if (e.type === 'log.lines') return onLog(e);
    if (e.type === 'job.status') {
      const p = positions.get(e.jobId);
      if (p && e.attempt > p.attempt) positions.set(e.jobId, { attempt: e.attempt, offset: 0 });
    }
    sink.send(null, e);
    if (e.type === 'build.finished') {
      done = true;
      sink.end();
    }
  };

  // The snapshot: current state first, then the logs so far.
  sink.send(null, { type: 'build.status', buildId: build.id, projectId: build.projectId, status: build.status, at: new Date(build.updatedAt).toISOString() });
  for (const job of jobs) {
    sink.send(null, { type: 'job.status', buildId: build.id, jobId: job.id, key: job.planJobId, status: job.status, attempt: job.attempt, exitCode: job.exitCode, reason: job.reason, at: new Date(job.updatedAt).toISOString() });
    for (const step of await store.steps.listSteps(job.id, job.attempt)) {
      sink.send(null, { type: 'step.status', buildId: build.id, jobId: job.id, stepId: step.stepId, attempt: step.attempt, status: step.status, exitCode: step.exitCode, at: new Date(step.finishedAt ?? step.startedAt ?? job.updatedAt).toISOString() });
    }
  }
  for (const job of jobs) if (follows(job.id)) await catchUp(job.id);
  if (isFinalStatus(build.status)) {
    await handle({ type: 'build.finished', build: toBuildDto(build, build.plan.name) });
    return;
  }

  // Live: events are handled one at a time, in arrival order.
  let chain = Promise.resolve();
  const enqueue = (e: LiveEvent): void => {
    chain = chain.then(() => handle(e)).catch((err: unknown) => {
      deps.logger.warn({ err: toError(err), buildId: request.buildId }, 'live stream failed');
      sink.end();
    });
  };
  live = enqueue;
  for (const e of buffered.splice(0)) enqueue(e);
}
