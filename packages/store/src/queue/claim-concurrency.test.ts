import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../create-store.js';
import type { Store } from '../store.js';
import { STORE_KINDS, useTestStore } from '../testing/test-stores.js';
import { requestId, seedAgent, seedJobs, uniqueLabel } from './test-queue.js';

const CLAIMERS = 8;
const JOBS = 200;

/**
 * Eight claimers drain a queue of 200 jobs at once. On PostgreSQL each claimer has its own pool, as
 * separate server instances would; on SQLite (one server instance) they share the store's connection.
 */
describe.each(STORE_KINDS)('claimJob under concurrency on %s', (kind) => {
  const t = useTestStore(kind);
  const extra: Store[] = [];
  afterAll(async () => {
    await Promise.all(extra.map((s) => s.close()));
  });

  async function storesFor(n: number): Promise<Store[]> {
    if (kind === 'sqlite') return Array.from({ length: n }, () => t.store);
    const opened = await Promise.all(Array.from({ length: n }, () => createStore({ ...t.database.options, poolSize: 2 })));
    extra.push(...opened);
    return opened;
  }

  it('claims each job exactly once, and only for agents that have its labels', async () => {
    const [linux, gpu] = [uniqueLabel(), uniqueLabel()];
    const specs = Array.from({ length: JOBS }, (_, i) => ({ id: `j${i}`, runsOn: i % 4 === 0 ? [linux, gpu] : [linux], priority: i % 3 }));
    const jobs = await seedJobs(t.store, specs);
    const needsGpu = new Set(jobs.filter((j) => j.runsOn.includes(gpu)).map((j) => j.id));
    const agents = await Promise.all(Array.from({ length: CLAIMERS }, (_, i) => seedAgent(t.store, i % 2 === 0 ? [linux, gpu] : [linux], JOBS)));
    const stores = await storesFor(CLAIMERS);

    const claimed = await Promise.all(
      agents.map(async (agent, i) => {
        const store = stores[i] as Store;
        const mine: string[] = [];
        for (;;) {
          const claim = await store.queue.claimJob({ agentId: agent.id, labels: agent.labels, requestId: requestId(), leaseTtlMs: 60_000 });
          if (claim === undefined) return { agent, mine };
          mine.push(claim.job.id);
        }
      }),
    );

    const all = claimed.flatMap((c) => c.mine);
    expect(all.length).toBe(JOBS);
    expect(new Set(all).size).toBe(JOBS);
    for (const { agent, mine } of claimed) {
      if (!agent.labels.includes(gpu)) expect(mine.filter((id) => needsGpu.has(id))).toEqual([]);
    }
    expect(claimed.filter((c) => c.mine.length > 0).length).toBeGreaterThan(1);
    const after = await t.store.jobs.listBuildJobs(jobs[0]?.buildId ?? '');
    expect(after.every((j) => j.status === 'running' && j.attempt === 1)).toBe(true);
    const attempts = await Promise.all(after.slice(0, 20).map((j) => t.store.jobAttempts.listJobAttempts(j.id)));
    expect(attempts.every((a) => a.length === 1)).toBe(true);
  }, 60_000);
});
