import { describe, expect, it } from 'vitest';
import { createManualClock } from '@ritmo/shared';
import { STORE_KINDS, useTestStore } from '../testing/test-stores.js';
import { requestId, seedAgent, seedJobs, uniqueLabel } from './test-queue.js';

const TTL = 60_000;

describe.each(STORE_KINDS)('claimJob on %s', (kind) => {
  const clock = createManualClock(1_700_000_000_000);
  const t = useTestStore(kind, { clock });

  it('starts attempt 1 of the job under a fresh lease, in the claimed phase', async () => {
    const label = uniqueLabel();
    const [job] = await seedJobs(t.store, [{ runsOn: [label] }]);
    const agent = await seedAgent(t.store, [label]);
    const req = requestId();

    const claim = await t.store.queue.claimJob({ agentId: agent.id, labels: [label], requestId: req, leaseTtlMs: TTL, firstHeartbeatTimeoutMs: 5_000 });

    const now = clock.now();
    expect(claim).toMatchObject({
      attempt: 1,
      leaseExpiresAt: now + TTL,
      firstHeartbeatDeadline: now + 5_000,
      phase: 'claimed',
      claimedAt: now,
      requestId: req,
      replayed: false,
      job: { id: job?.id, status: 'running', agentId: agent.id, attempt: 1, startedAt: now },
    });
    expect(claim?.leaseToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await t.store.jobAttempts.listJobAttempts(job?.id ?? '')).toMatchObject([{ attempt: 1, status: 'running', agentId: agent.id, startedAt: now }]);
    expect(await t.store.queue.findLease(job?.id ?? '')).toMatchObject({ phase: 'claimed', leaseToken: claim?.leaseToken, agentId: agent.id });
  });

  it('takes the highest priority first, then the oldest', async () => {
    const label = uniqueLabel();
    const [old] = await seedJobs(t.store, [{ id: 'old', runsOn: [label] }]);
    clock.advance(1000);
    const [newer, urgent] = await seedJobs(t.store, [
      { id: 'newer', runsOn: [label] },
      { id: 'urgent', runsOn: [label], priority: 10 },
    ]);
    const agent = await seedAgent(t.store, [label], 3);
    const order: (string | undefined)[] = [];
    for (let i = 0; i < 4; i++) {
      const claim = await t.store.queue.claimJob({ agentId: agent.id, labels: [label], requestId: requestId(), leaseTtlMs: TTL });
      order.push(claim?.job.id);
    }
    expect(order).toEqual([urgent?.id, old?.id, newer?.id, undefined]);
  });

  it('takes the jobs of one build, queued at the same moment, in plan order', async () => {
    const label = uniqueLabel();
    const jobs = await seedJobs(t.store, ['e', 'd', 'c', 'b', 'a'].map((id) => ({ id, runsOn: [label] })));
    const agent = await seedAgent(t.store, [label], 5);
    const order: (string | undefined)[] = [];
    for (let i = 0; i < 5; i++) {
      order.push((await t.store.queue.claimJob({ agentId: agent.id, labels: [label], requestId: requestId(), leaseTtlMs: TTL }))?.job.planJobId);
    }
    expect(order).toEqual(jobs.map((j) => j.planJobId));
    expect(order).toEqual(['e', 'd', 'c', 'b', 'a']);
  });

  it('gives a job only to an agent with all of its labels; a job without labels runs anywhere', async () => {
    const [linux, gpu] = [uniqueLabel(), uniqueLabel()];
    const [both, anywhere] = await seedJobs(t.store, [{ runsOn: [linux, gpu] }, { runsOn: [] }]);
    const linuxOnly = await seedAgent(t.store, [linux]);
    const full = await seedAgent(t.store, [gpu, linux, 'extra']);

    const first = await t.store.queue.claimJob({ agentId: linuxOnly.id, labels: [linux], requestId: requestId(), leaseTtlMs: TTL });
    expect(first?.job.id).toBe(anywhere?.id);
    expect(await t.store.queue.claimJob({ agentId: linuxOnly.id, labels: [linux], requestId: requestId(), leaseTtlMs: TTL })).toBeUndefined();
    const second = await t.store.queue.claimJob({ agentId: full.id, labels: [gpu, linux, 'extra'], requestId: requestId(), leaseTtlMs: TTL });
    expect(second?.job.id).toBe(both?.id);
  });

  it('answers a repeated request with the same claim instead of claiming another job', async () => {
    const label = uniqueLabel();
    await seedJobs(t.store, [{ runsOn: [label] }, { runsOn: [label] }, { runsOn: [label] }]);
    const agent = await seedAgent(t.store, [label], 3);
    const other = await seedAgent(t.store, [label], 3);
    const input = { agentId: agent.id, labels: [label], requestId: requestId(), leaseTtlMs: TTL };

    const first = await t.store.queue.claimJob(input);
    clock.advance(500);
    const again = await t.store.queue.claimJob(input);
    const sameIdOtherAgent = await t.store.queue.claimJob({ ...input, agentId: other.id });

    expect(again).toEqual({ ...first, replayed: true });
    expect(sameIdOtherAgent?.job.id).not.toBe(first?.job.id);
    expect((await t.store.jobAttempts.listJobAttempts(first?.job.id ?? '')).length).toBe(1);
  });

  it('claims at most one attempt per request id, even for requests racing each other', async () => {
    const label = uniqueLabel();
    const jobs = await seedJobs(t.store, [{ runsOn: [label] }, { runsOn: [label] }, { runsOn: [label] }]);
    const agent = await seedAgent(t.store, [label], 3);
    const input = { agentId: agent.id, labels: [label], requestId: requestId(), leaseTtlMs: TTL };

    const claims = await Promise.all([t.store.queue.claimJob(input), t.store.queue.claimJob(input), t.store.queue.claimJob(input)]);

    expect(new Set(claims.map((c) => c?.leaseToken)).size).toBe(1);
    expect(new Set(claims.map((c) => c?.job.id)).size).toBe(1);
    const running = (await Promise.all(jobs.map((j) => t.store.jobs.getJob(j.id)))).filter((j) => j.status === 'running');
    expect(running.map((j) => j.id)).toEqual([claims[0]?.job.id]);
  });

  it('claims nothing for a request whose attempt already ended', async () => {
    const label = uniqueLabel();
    await seedJobs(t.store, [{ runsOn: [label] }, { runsOn: [label] }]);
    const agent = await seedAgent(t.store, [label], 2);
    const input = { agentId: agent.id, labels: [label], requestId: requestId(), leaseTtlMs: TTL };
    const claim = await t.store.queue.claimJob(input);
    await t.store.queue.completeJob({ jobId: claim?.job.id ?? '', attempt: 1, leaseToken: claim?.leaseToken ?? '', status: 'success', exitCode: 0 });

    expect(await t.store.queue.claimJob(input)).toBeUndefined();
  });

  it('numbers a new claim after the job\'s last attempt, and honours an attempt the server already moved on', async () => {
    const label = uniqueLabel();
    const [job, bumped] = await seedJobs(t.store, [{ runsOn: [label] }, { runsOn: [label], priority: -1 }]);
    const agent = await seedAgent(t.store, [label], 2);
    const claim = { agentId: agent.id, labels: [label], leaseTtlMs: TTL };
    const first = await t.store.queue.claimJob({ ...claim, requestId: requestId() });
    await t.store.queue.releaseJob({ jobId: job?.id ?? '', attempt: 1, leaseToken: first?.leaseToken ?? '', reason: 'draining' });

    const second = await t.store.queue.claimJob({ ...claim, requestId: requestId() });
    expect(second).toMatchObject({ attempt: 2, job: { id: job?.id, attempt: 2 } });
    expect(second?.leaseToken).not.toBe(first?.leaseToken);

    await t.store.jobs.updateJob(bumped?.id ?? '', { attempt: 3 });
    const third = await t.store.queue.claimJob({ ...claim, requestId: requestId() });
    expect(third).toMatchObject({ attempt: 3, job: { id: bumped?.id } });
  });

  it('rejects a bad lease TTL and an unknown agent', async () => {
    const label = uniqueLabel();
    await seedJobs(t.store, [{ runsOn: [label] }]);
    await expect(t.store.queue.claimJob({ agentId: 'a_x', labels: [label], requestId: requestId(), leaseTtlMs: 0 })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    await expect(t.store.queue.claimJob({ agentId: 'a_missing', labels: [label], requestId: requestId(), leaseTtlMs: TTL })).rejects.toMatchObject({
      code: 'ERR_STORE_INVALID_REFERENCE',
    });
  });

  it('claims inside a caller\'s transaction and rolls back with it', async () => {
    const label = uniqueLabel();
    const [job] = await seedJobs(t.store, [{ runsOn: [label] }]);
    const agent = await seedAgent(t.store, [label]);
    await expect(
      t.store.transaction(async (tx) => {
        const claim = await tx.queue.claimJob({ agentId: agent.id, labels: [label], requestId: requestId(), leaseTtlMs: TTL });
        expect(claim?.job.id).toBe(job?.id);
        throw new Error('the caller gives up');
      }),
    ).rejects.toThrow('the caller gives up');
    expect(await t.store.jobs.getJob(job?.id ?? '')).toMatchObject({ status: 'queued', leaseToken: null });
    expect(await t.store.jobAttempts.listJobAttempts(job?.id ?? '')).toEqual([]);
  });
});
