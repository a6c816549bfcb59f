import { describe, expect, it } from 'vitest';
import { createManualClock } from '@ritmo/shared';
import { STORE_KINDS, useTestStore } from '../testing/test-stores.js';
import { requestId, seedAgent, seedJobs, uniqueLabel } from './test-queue.js';

describe.each(STORE_KINDS)('queuePosition and explainWaiting on %s', (kind) => {
  const clock = createManualClock(1_700_000_000_000);
  const t = useTestStore(kind, { clock });

  // The first test of this block: its store holds no other queued jobs yet.
  it('places a queued job among the jobs with its label set, in claim order', async () => {
    const [a, b] = [uniqueLabel(), uniqueLabel()];
    const [first] = await seedJobs(t.store, [{ runsOn: [a, b] }]);
    clock.advance(10);
    const [other] = await seedJobs(t.store, [{ runsOn: [a] }]);
    clock.advance(10);
    const [second, urgent] = await seedJobs(t.store, [{ runsOn: [b, a] }, { runsOn: [a, b], priority: 5 }]);
    const position = (id: string | undefined) => t.store.queue.queuePosition(id ?? '');

    expect(await position(urgent?.id)).toEqual({ position: 1, sameLabels: 3, queuedAhead: 0 });
    expect(await position(first?.id)).toEqual({ position: 2, sameLabels: 3, queuedAhead: 1 });
    expect(await position(other?.id)).toEqual({ position: 1, sameLabels: 1, queuedAhead: 2 });
    expect(await position(second?.id)).toEqual({ position: 3, sameLabels: 3, queuedAhead: 3 });

    const agent = await seedAgent(t.store, [a, b]);
    await t.store.queue.claimJob({ agentId: agent.id, labels: [a, b], requestId: requestId(), leaseTtlMs: 60_000 });
    expect(await position(urgent?.id)).toBeUndefined();
    expect(await position(first?.id)).toEqual({ position: 1, sameLabels: 2, queuedAhead: 0 });
    await expect(position('j_missing')).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
  });

  it('reports the agents that could take the job and the labels no agent has', async () => {
    const [linux, gpu] = [uniqueLabel(), uniqueLabel()];
    const [job] = await seedJobs(t.store, [{ runsOn: [linux, gpu] }]);
    const id = job?.id ?? '';
    const agent = (labels: string[], running: number, extra: { status?: string; draining?: boolean } = {}) => ({
      labels,
      capacity: 2,
      running,
      status: extra.status ?? 'online',
      draining: extra.draining ?? false,
    });

    const none = await t.store.queue.explainWaiting(id, [agent([linux], 0), agent([linux, gpu], 0, { status: 'offline' })]);
    expect(none).toMatchObject({
      status: 'queued',
      runsOn: [linux, gpu].sort(),
      queue: { position: 1, sameLabels: 1 },
      agents: { online: 1, matching: 0, matchingIdle: 0, matchingBusy: 0, matchingDraining: 0 },
      missingLabels: [gpu],
      unfinishedNeeds: [],
      awaitingApproval: false,
    });

    const busy = await t.store.queue.explainWaiting(id, [agent([linux, gpu], 2), agent([linux, gpu, 'x'], 0, { draining: true }), agent([linux, gpu], 1)]);
    expect(busy.agents).toEqual({ online: 3, matching: 3, matchingIdle: 1, matchingBusy: 1, matchingDraining: 1 });
    expect(busy.missingLabels).toEqual([]);
  });

  it('reads the online agents and their running jobs from the store when none are given', async () => {
    const label = uniqueLabel();
    const [running, waiting] = await seedJobs(t.store, [{ runsOn: [label] }, { runsOn: [label] }]);
    const agent = await seedAgent(t.store, [label], 1);
    const claim = await t.store.queue.claimJob({ agentId: agent.id, labels: [label], requestId: requestId(), leaseTtlMs: 60_000 });
    expect(claim?.job.id).toBe(running?.id);

    const facts = await t.store.queue.explainWaiting(waiting?.id ?? '');
    expect(facts.agents).toMatchObject({ matching: 1, matchingIdle: 0, matchingBusy: 1 });
    expect(facts.queue).toMatchObject({ position: 1 });
  });

  it('names the needs that have not ended and a hold for approval', async () => {
    const label = uniqueLabel();
    const [build, , deploy] = await seedJobs(t.store, [
      { id: 'build', runsOn: [label] },
      { id: 'lint', runsOn: [label], status: 'success' },
      { id: 'deploy', runsOn: [label], status: 'pending', needs: ['build', 'lint'] },
    ]);
    const facts = await t.store.queue.explainWaiting(deploy?.id ?? '', []);
    expect(facts).toMatchObject({ status: 'pending', queue: undefined, unfinishedNeeds: [{ jobId: build?.id, planJobId: 'build', status: 'queued' }] });

    await t.store.jobs.updateJob(deploy?.id ?? '', { status: 'waiting', reason: 'approval' });
    expect(await t.store.queue.explainWaiting(deploy?.id ?? '', [])).toMatchObject({ status: 'waiting', awaitingApproval: true, reason: 'approval' });
    await expect(t.store.queue.explainWaiting('j_missing', [])).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
  });
});
