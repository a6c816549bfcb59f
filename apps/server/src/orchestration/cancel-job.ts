import type { Job, StoreTransaction } from '@ritmo/store';

export const UNFINISHED = ['pending', 'waiting', 'queued', 'running'] as const;

/**
 * Cancels one unfinished job in place: it ends `canceled` and loses its lease (its agent learns at the
 * next heartbeat and stops), and a running attempt ends too. The caller moves the build on.
 */
export async function cancelJob(tx: StoreTransaction, job: Job, reason: string, now: number): Promise<Job> {
  const canceled = await tx.jobs.updateJob(job.id, { status: 'canceled', reason, finishedAt: now, leaseToken: null, leaseExpiresAt: null }, { ifStatus: UNFINISHED });
  if (job.status === 'running') {
    await tx.jobAttempts.updateJobAttempt(job.id, job.attempt, { status: 'canceled', reason, finishedAt: now }, { ifStatus: ['running'] }).catch(() => undefined);
  }
  return canceled;
}
