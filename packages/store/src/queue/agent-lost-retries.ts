import type { Job } from '../repositories/jobs/job-record.js';

/** How many times a job whose agent vanished is run again. */
export interface AgentLostPolicy {
  agentLostRetries: number;
}

/**
 * The default: once, because the job never got a fair run; a `retry:` policy whose `when` names
 * `agent-lost` or `always` raises that to its `max`.
 */
export function agentLostRetries(job: Job): AgentLostPolicy {
  const retry = job.planJob.retry as Job['planJob']['retry'] | undefined;
  const when = new Set<string>(retry?.when ?? []);
  const covered = when.has('agent-lost') || when.has('always');
  return { agentLostRetries: covered ? Math.max(retry?.max ?? 0, 1) : 1 };
}
