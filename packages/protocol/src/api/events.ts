import { z } from 'zod';
import { BuildStatus, Id, JobStatus, StepStatus, Timestamp } from './common.js';
import { Build } from './build.js';

/** Global: a build was created (any project the subscriber may read). */
export const BuildCreatedEvent = z.object({ type: z.literal('build.created'), build: Build });
export type BuildCreatedEvent = z.infer<typeof BuildCreatedEvent>;

export const BuildStatusEvent = z.object({
  type: z.literal('build.status'),
  buildId: Id,
  projectId: Id,
  status: BuildStatus,
  at: Timestamp,
});
export type BuildStatusEvent = z.infer<typeof BuildStatusEvent>;

export const JobStatusEvent = z.object({
  type: z.literal('job.status'),
  buildId: Id,
  jobId: Id,
  key: z.string(),
  status: JobStatus,
  attempt: z.number().int(),
  exitCode: z.number().int().nullable(),
  reason: z.string().nullable(),
  at: Timestamp,
});
export type JobStatusEvent = z.infer<typeof JobStatusEvent>;

export const StepStatusEvent = z.object({
  type: z.literal('step.status'),
  buildId: Id,
  jobId: Id,
  /** The step's id in the plan, unique within the job. */
  stepId: z.string(),
  attempt: z.number().int(),
  status: StepStatus,
  exitCode: z.number().int().nullable(),
  at: Timestamp,
});
export type StepStatusEvent = z.infer<typeof StepStatusEvent>;

/**
 * Log text of one job attempt: `text` holds the bytes [offset, nextOffset) of its log (UTF-8). A client
 * that already has bytes up to `nextOffset` ignores the event; one that sees `offset` past what it has
 * reconnects with its own offset.
 */
export const LogLinesEvent = z.object({
  type: z.literal('log.lines'),
  buildId: Id,
  jobId: Id,
  attempt: z.number().int().min(1),
  offset: z.number().int().min(0),
  nextOffset: z.number().int().min(0),
  text: z.string(),
});
export type LogLinesEvent = z.infer<typeof LogLinesEvent>;

/** Global and per build: the build reached its final status. */
export const BuildFinishedEvent = z.object({ type: z.literal('build.finished'), build: Build });
export type BuildFinishedEvent = z.infer<typeof BuildFinishedEvent>;

export const LiveEvent = z.discriminatedUnion('type', [
  BuildCreatedEvent,
  BuildStatusEvent,
  JobStatusEvent,
  StepStatusEvent,
  LogLinesEvent,
  BuildFinishedEvent,
]);
export type LiveEvent = z.infer<typeof LiveEvent>;
export type LiveEventType = LiveEvent['type'];

/**
 * One WebSocket message. `id` is what a client passes back to resume (as `Last-Event-ID` over SSE,
 * `?lastEventId=` over WebSocket); it is null on events that need no resume point (status snapshots).
 */
export const LiveFrame = z.object({ id: z.string().nullable(), event: LiveEvent });
export type LiveFrame = z.infer<typeof LiveFrame>;

/** Query of the live streams: follow only some jobs' logs, or resume one job's log from a byte offset. */
export const BuildEventsQuery = z.strictObject({
  /** `all` (default), `none`, or a comma-separated list of job ids. */
  logs: z.string().max(2048).optional(),
  /** With exactly one job in `logs`: start its log at this byte offset. */
  offset: z.coerce.number().int().min(0).optional(),
  /** Resume point over WebSocket (SSE uses the Last-Event-ID header). */
  lastEventId: z.string().max(8192).optional(),
});
export type BuildEventsQuery = z.infer<typeof BuildEventsQuery>;

export const GlobalEventsQuery = z.strictObject({
  lastEventId: z.string().max(256).optional(),
});
export type GlobalEventsQuery = z.infer<typeof GlobalEventsQuery>;
