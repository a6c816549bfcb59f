import { describe, expect, it } from 'vitest';
import { createManualClock } from '@ritmo/shared';
import { createStore } from '../create-store.js';
import { STORE_KINDS, useTestStore } from '../testing/test-stores.js';
import { createTestProject } from '../testing/test-plan.js';
import type { Store } from '../store.js';

async function pipelineOf(store: Store) {
  const project = await createTestProject(store);
  const pipeline = await store.pipelines.createPipeline({ projectId: project.id, name: 'ci', source: 'jobs: {}' });
  return { project, pipeline };
}

describe.each(STORE_KINDS)('schedules repository on %s', (kind) => {
  const clock = createManualClock(1_000_000);
  const t = useTestStore(kind, { clock });

  it('keeps one row per pipeline cron line, however often it is ensured', async () => {
    const { project, pipeline } = await pipelineOf(t.store);
    const line = { projectId: project.id, pipelineId: pipeline.id, cron: '0 3 * * *', timezone: 'UTC', branch: 'main', nextRunAt: 2_000_000 };
    const [a, b] = await Promise.all([t.store.schedules.ensureSchedule(line), t.store.schedules.ensureSchedule({ ...line, nextRunAt: 9 })]);
    expect(a.id).toBe(b?.id);
    expect(a.nextRunAt).toBe(2_000_000);
    await t.store.schedules.ensureSchedule({ ...line, branch: 'dev' });
    expect((await t.store.schedules.listSchedules({ pipelineId: pipeline.id })).items.map((s) => s.branch).sort()).toEqual(['dev', 'main']);
  });

  it('hands a due tick to exactly one claimant and moves the schedule to its next tick', async () => {
    const { project, pipeline } = await pipelineOf(t.store);
    const s = await t.store.schedules.ensureSchedule({ projectId: project.id, pipelineId: pipeline.id, cron: '* * * * *', timezone: 'UTC', branch: 'main', nextRunAt: clock.now() - 1 });
    expect((await t.store.schedules.listDueSchedules(clock.now())).map((d) => d.id)).toContain(s.id);
    const tick = { id: s.id, dueAt: s.nextRunAt, nextRunAt: s.nextRunAt + 60_000, leaseMs: 30_000 };
    const claims = await Promise.all(['a', 'b', 'c'].map((owner) => t.store.schedules.claimScheduleTick({ ...tick, owner })));
    expect(claims.filter(Boolean)).toHaveLength(1);
    const owner = ['a', 'b', 'c'][claims.indexOf(true)] as string;
    expect(await t.store.schedules.getSchedule(s.id)).toMatchObject({ nextRunAt: tick.nextRunAt, lastRunAt: tick.dueAt, lockedBy: owner });
    // The same tick again (a restart, a slow peer): nothing.
    expect(await t.store.schedules.claimScheduleTick({ ...tick, owner: 'late' })).toBe(false);
    await t.store.schedules.releaseScheduleTick(s.id, 'not-the-owner', null);
    expect((await t.store.schedules.getSchedule(s.id)).lockedBy).toBe(owner);
    await t.store.schedules.releaseScheduleTick(s.id, owner, null);
    expect(await t.store.schedules.getSchedule(s.id)).toMatchObject({ lockedBy: null, lockExpiresAt: null });
  });

  it('does not hand out the next tick while a live lease holds the schedule', async () => {
    const { project, pipeline } = await pipelineOf(t.store);
    const s = await t.store.schedules.ensureSchedule({ projectId: project.id, pipelineId: pipeline.id, cron: '* * * * *', timezone: 'UTC', branch: 'x', nextRunAt: clock.now() });
    expect(await t.store.schedules.claimScheduleTick({ id: s.id, dueAt: s.nextRunAt, nextRunAt: s.nextRunAt + 1, owner: 'a', leaseMs: 10_000 })).toBe(true);
    const next = { id: s.id, dueAt: s.nextRunAt + 1, nextRunAt: s.nextRunAt + 2, owner: 'b', leaseMs: 10_000 };
    expect(await t.store.schedules.claimScheduleTick(next)).toBe(false);
    clock.advance(10_000);
    expect(await t.store.schedules.claimScheduleTick(next)).toBe(true);
  });

  it('ignores disabled schedules and reports the earliest next tick', async () => {
    const { project, pipeline } = await pipelineOf(t.store);
    const s = await t.store.schedules.ensureSchedule({ projectId: project.id, pipelineId: pipeline.id, cron: '5 * * * *', timezone: 'UTC', branch: 'main', nextRunAt: 1 });
    expect(await t.store.schedules.findNextRunAt()).toBe(1);
    await t.store.schedules.updateSchedule(s.id, { enabled: false });
    expect((await t.store.schedules.listDueSchedules(clock.now())).map((d) => d.id)).not.toContain(s.id);
    expect(await t.store.schedules.claimScheduleTick({ id: s.id, dueAt: 1, nextRunAt: 2, owner: 'a', leaseMs: 1 })).toBe(false);
    await t.store.schedules.deleteSchedule(s.id);
    await expect(t.store.schedules.getSchedule(s.id)).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' });
  });
});

describe('schedule ticks across two connections to one PostgreSQL database', () => {
  const t = useTestStore('postgres');

  it('fires each tick once when two stores race for it', async () => {
    const other = await createStore({ ...t.database.options, poolSize: 4 });
    try {
      const { project, pipeline } = await pipelineOf(t.store);
      const s = await t.store.schedules.ensureSchedule({ projectId: project.id, pipelineId: pipeline.id, cron: '* * * * *', timezone: 'UTC', branch: 'main', nextRunAt: 0 });
      for (let i = 0; i < 20; i++) {
        const tick = { id: s.id, dueAt: i * 60_000, nextRunAt: (i + 1) * 60_000, leaseMs: 0 };
        const [a, b] = await Promise.all([t.store.schedules.claimScheduleTick({ ...tick, owner: 'a' }), other.schedules.claimScheduleTick({ ...tick, owner: 'b' })]);
        expect(Number(a) + Number(b)).toBe(1);
      }
    } finally {
      await other.close();
    }
  });
});
