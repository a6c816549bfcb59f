import { afterAll, describe, expect, it } from 'vitest';
import { createManualClock } from '@ritmo/shared';
import { createStore } from '../create-store.js';
import type { Store } from '../store.js';
import { STORE_KINDS, useTestStore } from '../testing/test-stores.js';
import { claimAgain, claimOne, type TestClaim } from './test-claim.js';
import { requestId, seedAgent, seedJobs, uniqueLabel } from './test-queue.js';

const TTL = 60_000;

describe.each(STORE_KINDS)('expireLeases on %s', (kind) => {
  const clock = createManualClock(1_700_000_000_000);
  const t = useTestStore(kind, { clock });
  const extra: Store[] = [];
  afterAll(async () => {
    await Promise.all(extra.map((s) => s.close()));
  });

  /** A claim whose agent heartbeated once, so only the lease TTL can expire it. */
  async function confirmed(claim: Promise<TestClaim>): Promise<TestClaim> {
    const c = await claim;
    await t.store.queue.extendLease({ ...c.ref, ttlMs: TTL });
    return c;
  }

  async function sweepFor(jobId: string) {
    const { expired } = await t.store.queue.expireLeases();
    return expired.filter((e) => e.jobId === jobId);
  }

  it('leaves live leases alone', async () => {
    const { ref } = await confirmed(claimOne(t.store));
    clock.advance(TTL - 1);
    expect(await sweepFor(ref.jobId)).toEqual([]);
    expect((await t.store.jobs.getJob(ref.jobId)).status).toBe('running');
  });

  it('marks an expired attempt lost and re-queues the job once; a second loss fails it', async () => {
    const first = await confirmed(claimOne(t.store));
    clock.advance(TTL);

    expect(await sweepFor(first.ref.jobId)).toMatchObject([
      { attempt: 1, agentId: first.agentId, cause: 'lease-expired', outcome: 'requeued', job: { status: 'queued', leaseToken: null, agentId: null } },
    ]);
    const second = await confirmed(claimAgain(t.store, first.agentId, first.label));
    expect(second.ref.attempt).toBe(2);
    clock.advance(TTL + 5);

    expect(await sweepFor(first.ref.jobId)).toMatchObject([{ attempt: 2, outcome: 'failed', job: { status: 'failure', reason: 'agent-lost' } }]);
    const job = await t.store.jobs.getJob(first.ref.jobId);
    expect(job).toMatchObject({ status: 'failure', reason: 'agent-lost', leaseToken: null, finishedAt: clock.now() });
    expect((await t.store.jobAttempts.listJobAttempts(job.id)).map((a) => [a.attempt, a.status, a.reason])).toEqual([
      [1, 'lost', 'agent-lost'],
      [2, 'lost', 'agent-lost'],
    ]);
    expect(await sweepFor(first.ref.jobId)).toEqual([]);
  });

  it('retries agent-lost as often as the job\'s retry policy allows', async () => {
    const first = await confirmed(claimOne(t.store, { retry: { max: 2, when: ['agent-lost'], exitCodes: [] } }));
    const outcomes: string[] = [];
    let claim = first;
    for (let i = 0; i < 3; i++) {
      clock.advance(TTL);
      outcomes.push(...(await sweepFor(first.ref.jobId)).map((e) => e.outcome));
      if (i < 2) claim = await confirmed(claimAgain(t.store, first.agentId, first.label));
    }
    expect(outcomes).toEqual(['requeued', 'requeued', 'failed']);
    expect(claim.ref.attempt).toBe(3);
  });

  it('takes the policy from retryPolicyFor when given', async () => {
    const { ref } = await confirmed(claimOne(t.store));
    clock.advance(TTL);
    const { expired } = await t.store.queue.expireLeases({ retryPolicyFor: () => ({ agentLostRetries: 0 }) });
    expect(expired.filter((e) => e.jobId === ref.jobId)).toMatchObject([{ outcome: 'failed' }]);
  });

  it('sends a claim whose first heartbeat never came back to the queue, at no cost to the retry budget', async () => {
    const first = await claimOne(t.store);
    clock.advance(10_000);

    expect(await sweepFor(first.ref.jobId)).toMatchObject([{ cause: 'first-heartbeat-missed', outcome: 'requeued' }]);
    expect(await t.store.jobAttempts.getJobAttempt(first.ref.jobId, 1)).toMatchObject({ status: 'lost', reason: 'first-heartbeat-missed' });
    await expect(t.store.queue.extendLease({ ...first.ref, ttlMs: TTL })).rejects.toMatchObject({ details: { reason: 'lost' } });

    const second = await confirmed(claimAgain(t.store, first.agentId, first.label));
    clock.advance(TTL);
    expect(await sweepFor(first.ref.jobId)).toMatchObject([{ attempt: 2, cause: 'lease-expired', outcome: 'requeued' }]);
    expect(second.ref.attempt).toBe(2);
  });

  it('keeps a claim whose first heartbeat came in time', async () => {
    const { ref } = await claimOne(t.store);
    clock.advance(9_999);
    await t.store.queue.extendLease({ ...ref, ttlMs: TTL });
    clock.advance(10_000);
    expect(await sweepFor(ref.jobId)).toEqual([]);
  });

  it('handles each lost attempt exactly once when two sweepers run at once', async () => {
    const label = uniqueLabel();
    const jobs = await seedJobs(t.store, Array.from({ length: 40 }, () => ({ runsOn: [label] })));
    const agent = await seedAgent(t.store, [label], 40);
    for (let i = 0; i < jobs.length; i++) {
      const claim = await t.store.queue.claimJob({ agentId: agent.id, labels: [label], requestId: requestId(), leaseTtlMs: TTL });
      if (claim && i % 2 === 0) await t.store.queue.extendLease({ jobId: claim.job.id, attempt: 1, leaseToken: claim.leaseToken, ttlMs: TTL });
    }
    clock.advance(TTL);
    let other = t.store;
    if (kind === 'postgres') {
      other = await createStore({ ...t.database.options, clock, poolSize: 2 });
      extra.push(other);
    }

    const sweeps = await Promise.all([t.store.queue.expireLeases({ limit: 500 }), other.queue.expireLeases({ limit: 500 })]);

    const ids = new Set(jobs.map((j) => j.id));
    const handled = sweeps.flatMap((s) => s.expired).filter((e) => ids.has(e.jobId));
    expect(handled.length).toBe(jobs.length);
    expect(new Set(handled.map((e) => e.jobId)).size).toBe(jobs.length);
    const attempts = await Promise.all(jobs.map((j) => t.store.jobAttempts.listJobAttempts(j.id)));
    expect(attempts.every((a) => a.length === 1 && a[0]?.status === 'lost')).toBe(true);
    expect((await t.store.jobs.listBuildJobs(jobs[0]?.buildId ?? '')).every((j) => j.status === 'queued')).toBe(true);
  });

  it('works through a backlog in batches', async () => {
    const label = uniqueLabel();
    await seedJobs(t.store, Array.from({ length: 5 }, () => ({ runsOn: [label] })));
    const agent = await seedAgent(t.store, [label], 5);
    for (let i = 0; i < 5; i++) await t.store.queue.claimJob({ agentId: agent.id, labels: [label], requestId: requestId(), leaseTtlMs: TTL });
    clock.advance(TTL);
    const batches: number[] = [];
    for (let more = true; more; ) {
      const result = await t.store.queue.expireLeases({ limit: 2 });
      batches.push(result.expired.length);
      more = result.more;
    }
    expect(batches.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(5);
    expect(await t.store.queue.listLeases(agent.id)).toEqual([]);
  });
});
