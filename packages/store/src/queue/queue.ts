import type { Job } from '../repositories/jobs/job-record.js';
import type { RepoContext } from '../repositories/repo-context.js';
import { assertLease } from './assert-lease.js';
import { claimJob, type ClaimJobInput } from './claim-job.js';
import { acquireConcurrency, type ConcurrencyClaim } from './concurrency/acquire-concurrency.js';
import type { ConcurrencyHolder, ConcurrencyKey, ConcurrencyLock } from './concurrency/concurrency-lock.js';
import { findConcurrencyLock } from './concurrency/find-concurrency-lock.js';
import { listConcurrencyLocks } from './concurrency/list-concurrency-locks.js';
import { listConcurrencyWaiters, type ConcurrencyWaiter } from './concurrency/list-concurrency-waiters.js';
import { releaseConcurrency } from './concurrency/release-concurrency.js';
import { transferConcurrency } from './concurrency/transfer-concurrency.js';
import type { ClaimedJob } from './claimed-job.js';
import { completeJob, type CompleteJobInput } from './complete-job.js';
import type { EndedAttempt } from './end-attempt.js';
import { expireLeases, type ExpireLeasesInput, type ExpireLeasesResult } from './expire-leases.js';
import { explainWaiting, type WaitingFacts } from './explain-waiting.js';
import { extendLease, type ExtendedLease, type ExtendLeaseInput } from './extend-lease.js';
import { extendLeases, type ExtendLeasesInput, type ExtendLeasesResult } from './extend-leases.js';
import { failJob, type FailJobInput } from './fail-job.js';
import { findLease } from './find-lease.js';
import type { Lease } from './lease.js';
import type { LeaseRef } from './lease-ref.js';
import { listLeases } from './list-leases.js';
import type { AgentCapacity } from './live-agents.js';
import { queuePosition, type QueuePosition } from './queue-position.js';
import { releaseJob, type ReleaseJobInput } from './release-job.js';

/**
 * The job queue: claims, leases, fencing and recovery. The invariant: a claimed job always ends
 * completed, failed or released, by its agent or, when the agent is gone, by expireLeases; every
 * transition is guarded by the lease, so each attempt ends exactly once. Bound to the pool as
 * `store.queue`, or to one transaction as `tx.queue` (then it runs in that transaction).
 */
export interface Queue {
  claimJob(input: ClaimJobInput): Promise<ClaimedJob | undefined>;
  extendLease(input: ExtendLeaseInput): Promise<ExtendedLease>;
  extendLeases(input: ExtendLeasesInput): Promise<ExtendLeasesResult>;
  assertLease(ref: LeaseRef): Promise<Job>;
  completeJob(input: CompleteJobInput): Promise<EndedAttempt>;
  failJob(input: FailJobInput): Promise<EndedAttempt>;
  releaseJob(input: ReleaseJobInput): Promise<EndedAttempt>;
  expireLeases(input?: ExpireLeasesInput): Promise<ExpireLeasesResult>;
  findLease(jobId: string): Promise<Lease | undefined>;
  listLeases(agentId: string): Promise<Lease[]>;
  queuePosition(jobId: string): Promise<QueuePosition | undefined>;
  explainWaiting(jobId: string, agents?: readonly AgentCapacity[]): Promise<WaitingFacts>;
  /** Concurrency groups: at most one holder per group, checked by the database (see acquireConcurrency). */
  acquireConcurrency(key: ConcurrencyKey, holder: ConcurrencyHolder, now: number): Promise<ConcurrencyClaim>;
  transferConcurrency(key: ConcurrencyKey, holder: ConcurrencyHolder, now: number): Promise<ConcurrencyLock>;
  releaseConcurrency(holderIds: readonly string[]): Promise<ConcurrencyLock[]>;
  findConcurrencyLock(key: ConcurrencyKey): Promise<ConcurrencyLock | undefined>;
  listConcurrencyLocks(buildId: string): Promise<ConcurrencyLock[]>;
  listConcurrencyWaiters(key: ConcurrencyKey): Promise<ConcurrencyWaiter[]>;
}

export function createQueue(ctx: RepoContext): Queue {
  return {
    claimJob: (input) => claimJob(ctx, input),
    extendLease: (input) => extendLease(ctx, input),
    extendLeases: (input) => extendLeases(ctx, input),
    assertLease: (ref) => assertLease(ctx, ref),
    completeJob: (input) => completeJob(ctx, input),
    failJob: (input) => failJob(ctx, input),
    releaseJob: (input) => releaseJob(ctx, input),
    expireLeases: (input) => expireLeases(ctx, input),
    findLease: (jobId) => findLease(ctx, jobId),
    listLeases: (agentId) => listLeases(ctx, agentId),
    queuePosition: (jobId) => queuePosition(ctx, jobId),
    explainWaiting: (jobId, agents) => explainWaiting(ctx, jobId, agents),
    acquireConcurrency: (key, holder, now) => acquireConcurrency(ctx, key, holder, now),
    transferConcurrency: (key, holder, now) => transferConcurrency(ctx, key, holder, now),
    releaseConcurrency: (holderIds) => releaseConcurrency(ctx, holderIds),
    findConcurrencyLock: (key) => findConcurrencyLock(ctx, key),
    listConcurrencyLocks: (buildId) => listConcurrencyLocks(ctx, buildId),
    listConcurrencyWaiters: (key) => listConcurrencyWaiters(ctx, key),
  };
}
