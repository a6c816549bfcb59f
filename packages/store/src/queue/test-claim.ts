// Claims one job for a fresh agent (test-only; excluded from the build).
import type { Store } from '../store.js';
import type { ClaimedJob } from './claimed-job.js';
import type { LeaseRef } from './lease-ref.js';
import { requestId, seedAgent, seedJobs, uniqueLabel, type QueuedJobSpec } from './test-queue.js';

export interface TestClaim {
  claim: ClaimedJob;
  ref: LeaseRef;
  agentId: string;
  label: string;
}

/** Seeds one job with a unique label and claims it; `spec` adds e.g. a retry policy. */
export async function claimOne(store: Store, spec: Omit<QueuedJobSpec, 'runsOn'> = {}, leaseTtlMs = 60_000): Promise<TestClaim> {
  const label = uniqueLabel();
  await seedJobs(store, [{ ...spec, runsOn: [label] }]);
  const agent = await seedAgent(store, [label]);
  return claimAgain(store, agent.id, label, leaseTtlMs);
}

/** Claims the next job with `label` for an existing agent (failing when there is none). */
export async function claimAgain(store: Store, agentId: string, label: string, leaseTtlMs = 60_000): Promise<TestClaim> {
  const claim = await store.queue.claimJob({ agentId, labels: [label], requestId: requestId(), leaseTtlMs, firstHeartbeatTimeoutMs: 10_000 });
  if (claim === undefined) throw new Error(`nothing to claim with label ${label}`);
  return { claim, ref: { jobId: claim.job.id, attempt: claim.attempt, leaseToken: claim.leaseToken }, agentId, label };
}
