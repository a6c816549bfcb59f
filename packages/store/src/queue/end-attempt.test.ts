import { describe, expect, it } from 'vitest';
import { createManualClock } from '@ritmo/shared';
import { STORE_KINDS, useTestStore } from '../testing/test-stores.js';
import type { AttemptOutcome } from './end-attempt.js';
import { claimAgain, claimOne } from './test-claim.js';

describe.each(STORE_KINDS)('completeJob, failJob and releaseJob on %s', (kind) => {
  const clock = createManualClock(1_700_000_000_000);
  const t = useTestStore(kind, { clock });

  it('completes the attempt and the job with the agent\'s result, and clears the lease', async () => {
    const { ref } = await claimOne(t.store);
    clock.advance(3_000);
    const ended = await t.store.queue.completeJob({ ...ref, status: 'success', exitCode: 0, outputs: { version: '1.2.3' } });

    expect(ended).toMatchObject({ attempt: 1, attemptStatus: 'success', requeued: false });
    expect(ended.job).toMatchObject({ status: 'success', exitCode: 0, outputs: { version: '1.2.3' }, leaseToken: null, leaseExpiresAt: null, finishedAt: clock.now() });
    expect(await t.store.jobAttempts.getJobAttempt(ref.jobId, 1)).toMatchObject({ status: 'success', exitCode: 0, finishedAt: clock.now() });
  });

  it('treats a second completion of the same attempt as a conflict, not a second transition', async () => {
    const { ref } = await claimOne(t.store);
    await t.store.queue.completeJob({ ...ref, status: 'failure', exitCode: 2 });
    const before = await t.store.jobs.getJob(ref.jobId);
    clock.advance(1_000);

    await expect(t.store.queue.completeJob({ ...ref, status: 'success', exitCode: 0 })).rejects.toMatchObject({
      code: 'ERR_STORE_LEASE_CONFLICT',
      details: { reason: 'completed', jobStatus: 'failure' },
    });
    await expect(t.store.queue.failJob({ ...ref, reason: 'executor-error' })).rejects.toMatchObject({ code: 'ERR_STORE_LEASE_CONFLICT' });
    await expect(t.store.queue.releaseJob({ ...ref, reason: 'draining' })).rejects.toMatchObject({ code: 'ERR_STORE_LEASE_CONFLICT' });
    expect(await t.store.jobs.getJob(ref.jobId)).toEqual(before);
    expect((await t.store.jobAttempts.listJobAttempts(ref.jobId)).map((a) => [a.status, a.exitCode])).toEqual([['failure', 2]]);
  });

  it('lets exactly one of two racing completions through', async () => {
    const { ref } = await claimOne(t.store);
    const results = await Promise.allSettled([
      t.store.queue.completeJob({ ...ref, status: 'success', exitCode: 0 }),
      t.store.queue.completeJob({ ...ref, status: 'failure', exitCode: 1 }),
      t.store.queue.releaseJob({ ...ref, reason: 'draining' }),
    ]);

    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(won.length).toBe(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'ERR_STORE_LEASE_CONFLICT' });
    expect((await t.store.jobs.getJob(ref.jobId)).status).toBe(won[0]?.job.status);
    expect((await t.store.jobAttempts.listJobAttempts(ref.jobId)).length).toBe(1);
  });

  it('fails the job with a system reason', async () => {
    const { ref } = await claimOne(t.store);
    const ended = await t.store.queue.failJob({ ...ref, reason: 'checkout-failed' });
    expect(ended.job).toMatchObject({ status: 'failure', reason: 'checkout-failed', exitCode: null, leaseToken: null });
    expect(await t.store.jobAttempts.getJobAttempt(ref.jobId, 1)).toMatchObject({ status: 'failure', reason: 'checkout-failed' });
  });

  it('retries a failure when the caller\'s decision says so, counting only real retries', async () => {
    const first = await claimOne(t.store);
    await t.store.queue.releaseJob({ ...first.ref, reason: 'draining' });
    const second = await claimAgain(t.store, first.agentId, first.label);
    const seen: AttemptOutcome[] = [];
    const retry = (_job: unknown, outcome: AttemptOutcome) => {
      seen.push(outcome);
      return outcome.retriesUsed < 1;
    };

    const retried = await t.store.queue.completeJob({ ...second.ref, status: 'failure', exitCode: 3, retry });
    expect(retried).toMatchObject({ attempt: 2, attemptStatus: 'failure', requeued: true, job: { status: 'queued', leaseToken: null, agentId: null } });
    const third = await claimAgain(t.store, first.agentId, first.label);
    expect(third.ref.attempt).toBe(3);
    const final = await t.store.queue.failJob({ ...third.ref, reason: 'executor-error', retry });

    expect(final).toMatchObject({ requeued: false, job: { status: 'failure', reason: 'executor-error' } });
    expect(seen).toEqual([
      { status: 'failure', exitCode: 3, reason: null, retriesUsed: 0 },
      { status: 'failure', exitCode: null, reason: 'executor-error', retriesUsed: 1 },
    ]);
    expect((await t.store.jobAttempts.listJobAttempts(first.ref.jobId)).map((a) => [a.attempt, a.status, a.reason])).toEqual([
      [1, 'canceled', 'released: draining'],
      [2, 'failure', null],
      [3, 'failure', 'executor-error'],
    ]);
  });

  it('never retries a success or a cancel, whatever the decision says', async () => {
    const { ref } = await claimOne(t.store);
    const ended = await t.store.queue.completeJob({ ...ref, status: 'canceled', exitCode: null, retry: () => true });
    expect(ended).toMatchObject({ requeued: false, job: { status: 'canceled' } });
  });

  it('releases a claim back to the queue without starting anything', async () => {
    const { ref } = await claimOne(t.store);
    clock.advance(100);
    const released = await t.store.queue.releaseJob({ ...ref, reason: 'draining' });
    expect(released).toMatchObject({ attemptStatus: 'canceled', requeued: true });
    expect(released.job).toMatchObject({
      status: 'queued',
      attempt: 1,
      agentId: null,
      leaseToken: null,
      claimRequestId: null,
      startedAt: null,
      queuedAt: clock.now(),
      reason: 'requeued after attempt 1: released: draining',
    });
    expect(await t.store.queue.findLease(ref.jobId)).toBeUndefined();
  });
});
