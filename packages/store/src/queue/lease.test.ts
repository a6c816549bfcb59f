import { describe, expect, it } from 'vitest';
import { createManualClock } from '@ritmo/shared';
import { STORE_KINDS, useTestStore } from '../testing/test-stores.js';
import { claimAgain, claimOne } from './test-claim.js';

const TTL = 60_000;

describe.each(STORE_KINDS)('leases on %s', (kind) => {
  const clock = createManualClock(1_700_000_000_000);
  const t = useTestStore(kind, { clock });

  it('renews the lease on each heartbeat and moves the job from claimed to running on the first', async () => {
    const { ref } = await claimOne(t.store);
    clock.advance(2_000);
    const first = await t.store.queue.extendLease({ ...ref, ttlMs: TTL });
    expect(first).toEqual({ leaseExpiresAt: clock.now() + TTL, firstHeartbeat: true });
    expect(await t.store.queue.findLease(ref.jobId)).toMatchObject({ phase: 'running', lastHeartbeatAt: clock.now(), leaseExpiresAt: clock.now() + TTL });
    const firstAt = clock.now();

    clock.advance(15_000);
    const second = await t.store.queue.extendLease({ ...ref, ttlMs: 30_000 });
    expect(second).toEqual({ leaseExpiresAt: clock.now() + 30_000, firstHeartbeat: false });
    const attempt = await t.store.db.selectFrom('job_attempts').select('first_heartbeat_at').where('job_id', '=', ref.jobId).executeTakeFirstOrThrow();
    expect(attempt.first_heartbeat_at).toBe(firstAt);
  });

  it('fences every write: assertLease returns the job only for the current attempt and token', async () => {
    const { ref, agentId } = await claimOne(t.store);
    expect(await t.store.queue.assertLease(ref)).toMatchObject({ id: ref.jobId, status: 'running', agentId, attempt: 1 });

    await expect(t.store.queue.assertLease({ ...ref, leaseToken: 'forged' })).rejects.toMatchObject({
      code: 'ERR_STORE_LEASE_CONFLICT',
      status: 409,
      details: { jobId: ref.jobId, attempt: 1, reason: 'token-mismatch', jobStatus: 'running', currentAttempt: 1, attemptStatus: 'running' },
    });
    await expect(t.store.queue.extendLease({ ...ref, leaseToken: 'forged', ttlMs: TTL })).rejects.toMatchObject({
      code: 'ERR_STORE_LEASE_CONFLICT',
      details: { reason: 'token-mismatch' },
    });
    await expect(t.store.queue.assertLease({ ...ref, jobId: 'j_missing' })).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
  });

  it('says why a lease no longer holds: released, lost, completed, canceled, stale attempt', async () => {
    const released = await claimOne(t.store);
    await t.store.queue.releaseJob({ ...released.ref, reason: 'draining' });
    const reclaimed = await claimAgain(t.store, released.agentId, released.label);
    expect(reclaimed.ref.attempt).toBe(2);
    await expect(t.store.queue.assertLease(released.ref)).rejects.toMatchObject({ details: { reason: 'released', currentAttempt: 2, attemptStatus: 'canceled' } });

    const lost = await claimOne(t.store);
    await t.store.queue.extendLease({ ...lost.ref, ttlMs: 1_000 });
    clock.advance(1_001);
    await t.store.queue.expireLeases();
    await expect(t.store.queue.extendLease({ ...lost.ref, ttlMs: TTL })).rejects.toMatchObject({ details: { reason: 'lost', attemptStatus: 'lost' } });

    const done = await claimOne(t.store);
    await t.store.queue.completeJob({ ...done.ref, status: 'success', exitCode: 0 });
    await expect(t.store.queue.assertLease(done.ref)).rejects.toMatchObject({ details: { reason: 'completed', jobStatus: 'success' } });

    // The server cancels a build: job and attempt become canceled through the repositories.
    const canceled = await claimOne(t.store);
    await t.store.jobs.updateJob(canceled.ref.jobId, { status: 'canceled', leaseToken: null, leaseExpiresAt: null }, { ifStatus: ['running'] });
    await t.store.jobAttempts.updateJobAttempt(canceled.ref.jobId, 1, { status: 'canceled' });
    await expect(t.store.queue.assertLease(canceled.ref)).rejects.toMatchObject({ details: { reason: 'canceled', jobStatus: 'canceled' } });

    // The server moved the job past attempt 1 without running it (a manual retry of an unstarted job).
    const stale = await claimOne(t.store);
    await t.store.queue.releaseJob({ ...stale.ref, reason: 'shutting-down' });
    await t.store.jobs.updateJob(stale.ref.jobId, { attempt: 4 });
    const fresh = await claimAgain(t.store, stale.agentId, stale.label);
    expect(fresh.ref.attempt).toBe(4);
    await expect(t.store.queue.assertLease({ ...fresh.ref, attempt: 3 })).rejects.toMatchObject({ details: { reason: 'stale-attempt', currentAttempt: 4 } });
  });

  it('renews a lease that expired but was not swept yet', async () => {
    const { ref } = await claimOne(t.store);
    await t.store.queue.extendLease({ ...ref, ttlMs: 1_000 });
    clock.advance(5_000);
    expect(await t.store.queue.extendLease({ ...ref, ttlMs: TTL })).toMatchObject({ leaseExpiresAt: clock.now() + TTL });
    expect((await t.store.queue.expireLeases()).expired.map((e) => e.jobId)).not.toContain(ref.jobId);
  });

  it('renews several leases in one heartbeat and names the ones the agent must stop', async () => {
    const a = await claimOne(t.store);
    const b = await claimOne(t.store);
    const c = await claimOne(t.store);
    await t.store.queue.completeJob({ ...c.ref, status: 'failure', exitCode: 1 });

    const result = await t.store.queue.extendLeases({
      leases: [b.ref, a.ref, c.ref, { ...a.ref, jobId: 'j_gone' }, { ...b.ref, leaseToken: 'old' }],
      ttlMs: TTL,
    });

    expect(result.extended.map((e) => e.jobId).sort()).toEqual([a.ref.jobId, b.ref.jobId].sort());
    expect(result.extended.every((e) => e.leaseExpiresAt === clock.now() + TTL && e.firstHeartbeat)).toBe(true);
    expect(result.rejected).toEqual(
      expect.arrayContaining([
        { jobId: c.ref.jobId, attempt: 1, reason: 'completed' },
        { jobId: 'j_gone', attempt: 1, reason: 'unknown-job' },
        { jobId: b.ref.jobId, attempt: 1, reason: 'token-mismatch' },
      ]),
    );
    expect(result.rejected.length).toBe(3);
  });

  it('lists the leases an agent holds', async () => {
    const { ref, agentId } = await claimOne(t.store);
    expect((await t.store.queue.listLeases(agentId)).map((l) => l.jobId)).toEqual([ref.jobId]);
    await t.store.queue.completeJob({ ...ref, status: 'success', exitCode: 0 });
    expect(await t.store.queue.listLeases(agentId)).toEqual([]);
    expect(await t.store.queue.findLease(ref.jobId)).toBeUndefined();
  });
});
