import type { JobStatus } from '../statuses.js';
import { notFound } from '../repositories/not-found.js';
import { toJob } from '../repositories/jobs/job-record.js';
import type { RepoContext } from '../repositories/repo-context.js';
import { explainConcurrency, type ConcurrencyWait } from './concurrency/explain-concurrency.js';
import { liveAgents, type AgentCapacity } from './live-agents.js';
import { queuePosition, type QueuePosition } from './queue-position.js';

const ENDED: ReadonlySet<string> = new Set(['success', 'failure', 'canceled', 'skipped']);

/** The facts behind "why is my job waiting"; the server words them. */
export interface WaitingFacts {
  jobId: string;
  status: JobStatus;
  reason: string | null;
  runsOn: string[];
  /** Set while the job is queued. */
  queue: QueuePosition | undefined;
  /** Jobs this one needs that have not ended yet. */
  unfinishedNeeds: { jobId: string; planJobId: string; name: string; status: JobStatus }[];
  /** Held (`waiting`) for a manual approval. */
  awaitingApproval: boolean;
  /** The job's own (job-level) concurrency group, once it was runnable. */
  concurrencyGroup: string | null;
  /** Set while the job is `waiting` for a concurrency group (its own or its build's): which one, and who holds it. */
  concurrency: ConcurrencyWait | undefined;
  agents: {
    online: number;
    /** Online agents that have every label the job needs. */
    matching: number;
    /** Matching agents that are not draining and have a free slot. */
    matchingIdle: number;
    /** Matching agents that are not draining but full. */
    matchingBusy: number;
    matchingDraining: number;
  };
  /** Labels of the job that no online agent has (empty when some agent has each). */
  missingLabels: string[];
}

function agentFacts(runsOn: readonly string[], agents: readonly AgentCapacity[]): Pick<WaitingFacts, 'agents' | 'missingLabels'> {
  const online = agents.filter((a) => a.status === 'online');
  const matching = online.filter((a) => runsOn.every((l) => a.labels.includes(l)));
  const active = matching.filter((a) => a.draining !== true);
  const idle = active.filter((a) => a.running < a.capacity).length;
  const known = new Set(online.flatMap((a) => a.labels));
  return {
    agents: { online: online.length, matching: matching.length, matchingIdle: idle, matchingBusy: active.length - idle, matchingDraining: matching.length - active.length },
    missingLabels: runsOn.filter((l) => !known.has(l)),
  };
}

/**
 * Facts about a job that has not started: its place in the queue, what it still needs, whether it
 * awaits approval, and whether any live agent could take it. `agents` defaults to the store's online
 * agents with their running job counts; the server may pass its own, fresher view.
 */
export async function explainWaiting(ctx: RepoContext, jobId: string, agents?: readonly AgentCapacity[]): Promise<WaitingFacts> {
  const row = await ctx.db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
  if (row === undefined) throw notFound('job', { id: jobId });
  const job = toJob(row);
  const needs =
    job.needs.length === 0
      ? []
      : await ctx.db
          .selectFrom('jobs')
          .select(['id', 'plan_job_id', 'name', 'status', 'position'])
          .where('build_id', '=', job.buildId)
          .where('plan_job_id', 'in', job.needs)
          .orderBy('position')
          .execute();
  return {
    jobId: job.id,
    status: job.status,
    reason: job.reason,
    runsOn: job.runsOn,
    queue: job.status === 'queued' ? await queuePosition(ctx, jobId) : undefined,
    unfinishedNeeds: needs
      .filter((n) => !ENDED.has(n.status))
      .map((n) => ({ jobId: n.id, planJobId: n.plan_job_id, name: n.name, status: n.status as JobStatus })),
    awaitingApproval: job.status === 'waiting' && job.approvedBy === null,
    concurrencyGroup: job.concurrencyGroup,
    concurrency: await explainConcurrency(ctx, job),
    ...agentFacts(job.runsOn, agents ?? (await liveAgents(ctx))),
  };
}
