import { z } from 'zod';
import { Id, Timestamp } from '../api/common.js';

/** One job the agent runs, as its heartbeat reports it. */
export const RunningJob = z.strictObject({
  jobId: Id,
  attempt: z.number().int().min(1),
  leaseToken: z.string().min(1).max(200),
  /** The end of the log the server acknowledged so far. */
  logOffset: z.number().int().min(0),
});
export type RunningJob = z.infer<typeof RunningJob>;

/** `POST /api/v1/agent/heartbeat` (agent token), every 10-20 s, idle or not. */
export const HeartbeatRequest = z.strictObject({
  running: z.array(RunningJob).max(256),
  /** The agent drains on its own (SIGTERM): it claims nothing new. */
  draining: z.boolean().default(false),
});
export type HeartbeatRequest = z.infer<typeof HeartbeatRequest>;

/** A job the agent must stop: its lease no longer holds (canceled, lost, completed ...). */
export const CancelJob = z.object({ jobId: Id, attempt: z.number().int(), reason: z.string() });
export type CancelJob = z.infer<typeof CancelJob>;

export const LeaseExtension = z.object({
  jobId: Id,
  attempt: z.number().int(),
  leaseExpiresAt: Timestamp,
  /** The end of the log the server has stored for the attempt. */
  logOffset: z.number().int().min(0),
});
export type LeaseExtension = z.infer<typeof LeaseExtension>;

export const HeartbeatResponse = z.object({
  cancel: z.array(CancelJob),
  leases: z.array(LeaseExtension),
  /** An administrator drained the agent (or it drains itself): claim nothing new. */
  draining: z.boolean(),
  heartbeatIntervalMs: z.number().int().positive(),
});
export type HeartbeatResponse = z.infer<typeof HeartbeatResponse>;
