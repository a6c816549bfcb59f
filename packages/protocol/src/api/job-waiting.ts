import { z } from 'zod';
import { Id, JobStatus } from './common.js';

/**
 * Why a job has not started:
 * - `needs`: jobs it needs have not ended; `pending`: not decided yet;
 * - `max-parallel`: its matrix already runs as many cells as `max-parallel` allows;
 * - `approval`: held for a manual approval; `concurrency`: waits for a concurrency group another build or job holds;
 * - `no-matching-agent`: no online agent has all of its `runs-on` labels;
 * - `agents-busy` / `agents-draining`: every matching agent is full, or draining;
 * - `queued`: an idle matching agent exists; the job is in line (see `queue`).
 */
export const WaitingReasonKind = z.enum(['needs', 'pending', 'max-parallel', 'approval', 'concurrency', 'no-matching-agent', 'agents-busy', 'agents-draining', 'queued']);
export type WaitingReasonKind = z.infer<typeof WaitingReasonKind>;

export const WaitingNeed = z.object({ jobId: Id, key: z.string(), name: z.string(), status: JobStatus });
export type WaitingNeed = z.infer<typeof WaitingNeed>;

export const WaitingHolder = z.object({ id: Id, buildId: Id, buildNumber: z.number().int(), name: z.string() });
export type WaitingHolder = z.infer<typeof WaitingHolder>;

export const WaitingReason = z.object({
  kind: WaitingReasonKind,
  /** One sentence for people, e.g. `no online agent has the label gpu`. */
  message: z.string(),
  /** `no-matching-agent`: the labels no online agent has (or, when each is on some agent, all of the job's labels). */
  labels: z.array(z.string()).optional(),
  /** `needs`: the needed jobs that have not ended. */
  needs: z.array(WaitingNeed).optional(),
  /** `concurrency`: the group. */
  group: z.string().optional(),
  /** `concurrency`: `build` for the pipeline's group (the whole build waits), `job` for the job's own. */
  scope: z.enum(['build', 'job']).optional(),
  /** `concurrency`: the build (scope build) or job (scope job) holding the group; null when it was just freed. */
  holder: WaitingHolder.nullable().optional(),
  /** `max-parallel`: the limit. */
  maxParallel: z.number().int().optional(),
});
export type WaitingReason = z.infer<typeof WaitingReason>;

export const QueuePlace = z.object({
  /** 1 = next, among queued jobs with the same `runs-on` labels. */
  position: z.number().int(),
  /** Queued jobs with the same labels, this one included. */
  sameLabels: z.number().int(),
  /** Queued jobs of any labels ahead of it in claim order. */
  queuedAhead: z.number().int(),
});
export type QueuePlace = z.infer<typeof QueuePlace>;

/** `GET /api/v1/jobs/{id}/waiting`: why a job waits, and where it stands. */
export const JobWaiting = z.object({
  jobId: Id,
  status: JobStatus,
  /** True while the job has neither started nor ended (`pending`, `waiting` or `queued`). */
  waiting: z.boolean(),
  /** The reasons, the one that holds it first; empty when it is not waiting. */
  reasons: z.array(WaitingReason),
  /** The reasons in one line. */
  summary: z.string(),
  /** Set while the job is `queued`. */
  queue: QueuePlace.nullable(),
  runsOn: z.array(z.string()),
  /** Online agents, those with every label of the job, and how those are doing. */
  agents: z.object({ online: z.number().int(), matching: z.number().int(), idle: z.number().int(), busy: z.number().int(), draining: z.number().int() }),
});
export type JobWaiting = z.infer<typeof JobWaiting>;
