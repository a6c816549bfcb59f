import { afterAll, describe, expect, it } from 'vitest';
import { createSilentLogger, type createManualClock } from '@ritmo/shared';
import { STORE_KINDS } from '@ritmo/store/testing';
import { useTriggerTestServer } from '../hooks/testing/test-trigger-server.js';
import { createTestRepo } from '../scm/testing/test-git-repo.js';
import { createScheduler } from './create-scheduler.js';

const START = Date.parse('2025-01-01T00:00:30Z');
const at = (iso: string): number => Date.parse(`2025-01-01T${iso}Z`);
const pipeline = (cron: string) => `
name: nightly
on:
  schedule: [{ cron: "${cron}" }]
jobs:
  build:
    steps:
      - run: echo \${{ ritmo.event }}
`;

describe.each(STORE_KINDS)('cron schedules (%s)', (kind) => {
  const t = useTriggerTestServer(kind, { clockAt: START });
  const clock = () => t.clock as ReturnType<typeof createManualClock>;
  const scheduler = () => t.app.ritmo.triggers.scheduler;
  const buildsOf = async (project: string) => (await t.call('GET', `/api/v1/builds?project=${project}`)).json.items as { event: string; id: string }[];

  it('fires each tick once, never again after a restart, and a missed stretch once for its latest tick', async () => {
    clock().set(START);
    const project = await t.project({ pipeline: pipeline('*/5 * * * *') });
    const synced = await t.call('POST', `/api/v1/projects/${project}/schedules/sync`);
    expect(synced.json).toMatchObject({ state: 'synced', items: [{ cron: '*/5 * * * *', pipeline: 'nightly', timezone: 'UTC', branch: 'main', nextRunAt: new Date(at('00:05:00')).toISOString() }] });

    expect(await scheduler().runDue()).toEqual([]);
    clock().set(at('00:05:00'));
    const fired = await scheduler().runDue();
    expect(fired).toMatchObject([{ scheduledAt: at('00:05:00'), missed: false }]);
    expect(await scheduler().runDue()).toEqual([]);
    // A restarted server (a new scheduler on the same database) does not fire that tick again.
    const restarted = createScheduler({ store: t.store, clock: t.clock, logger: createSilentLogger(), orchestrator: t.app.ritmo.orchestrator, mirror: t.app.ritmo.triggers.hooks.mirror, signal: new AbortController().signal });
    expect(await restarted.runDue()).toEqual([]);

    // Down from 00:07 to 00:42: the ticks 00:10 ... 00:40 fire once, as 00:40.
    clock().set(at('00:42:10'));
    const late = await restarted.runDue();
    expect(late).toMatchObject([{ scheduledAt: at('00:40:00'), missed: true }]);
    const build = await t.store.builds.getBuild(late[0]?.build?.id ?? '');
    expect(build).toMatchObject({ event: 'schedule', branch: 'main', actor: null });
    expect(build.trigger).toMatchObject({ scheduledAt: '2025-01-01T00:40:00.000Z', missed: true, schedule: { cron: '*/5 * * * *' } });
    const [schedule] = (await t.call('GET', `/api/v1/projects/${project}/schedules`)).json.items;
    expect(schedule).toMatchObject({ nextRunAt: new Date(at('00:45:00')).toISOString(), lastRunAt: new Date(at('00:40:00')).toISOString(), lastBuildId: build.id });
    expect((await buildsOf(project)).map((b) => b.event)).toEqual(['schedule', 'schedule']);
  });

  it('follows the pipeline: a cron line removed before its tick fires nothing, and refresh picks up inline edits', async () => {
    clock().set(START);
    const project = await t.project({ pipeline: pipeline('0 * * * *') });
    expect(await scheduler().refresh()).toBeGreaterThanOrEqual(1);
    expect((await t.call('GET', `/api/v1/projects/${project}/schedules`)).json.items).toHaveLength(1);
    await t.call('PATCH', `/api/v1/projects/${project}`, { body: { pipeline: pipeline('30 * * * *') } });
    clock().set(at('01:00:00'));
    // The old line is due, but the pipeline no longer has it: no build, and the schedules follow the pipeline.
    await scheduler().runDue();
    expect(await buildsOf(project)).toHaveLength(0);
    const lines = (await t.call('GET', `/api/v1/projects/${project}/schedules`)).json.items;
    expect(lines).toMatchObject([{ cron: '30 * * * *', nextRunAt: new Date(at('01:30:00')).toISOString() }]);
    clock().advance(1000);
    await t.call('PATCH', `/api/v1/projects/${project}`, { body: { pipeline: 'jobs:\n  a:\n    steps:\n      - run: echo\n' } });
    await scheduler().refresh();
    expect((await t.call('GET', `/api/v1/projects/${project}/schedules`)).json.items).toHaveLength(0);
  });

  const repo = createTestRepo();
  afterAll(() => repo.remove());

  it('reads schedules from the repository on the default branch', async () => {
    clock().set(START);
    repo.commit({ '.ritmo.yml': pipeline('15 3 * * *').replace('schedule: [{ cron: "15 3 * * *" }]', 'schedule: [{ cron: "15 3 * * *", timezone: Europe/Berlin }]') }, 'nightly');
    const project = await t.project({ repoUrl: repo.bare });
    const synced = (await t.call('POST', `/api/v1/projects/${project}/schedules/sync`)).json;
    expect(synced.items).toMatchObject([{ cron: '15 3 * * *', timezone: 'Europe/Berlin', nextRunAt: '2025-01-01T02:15:00.000Z' }]);
    clock().set(Date.parse('2025-01-01T02:15:00Z'));
    const projectId = (await t.store.projects.getProjectByName(project)).id;
    const tick = (await scheduler().runDue()).find((f) => f.build?.projectId === projectId);
    expect(await t.store.builds.getBuild(tick?.build?.id ?? '')).toMatchObject({ event: 'schedule', sha: repo.git('rev-parse', 'HEAD') });
  });

});

describe('two server instances on one PostgreSQL database', () => {
  const t = useTriggerTestServer('postgres', { instances: 2, clockAt: START });

  it('fire each tick exactly once between them', async () => {
    const clock = t.clock as ReturnType<typeof createManualClock>;
    const project = await t.project({ pipeline: pipeline('* * * * *') });
    await t.call('POST', `/api/v1/projects/${project}/schedules/sync`, { on: 1 });
    const [a, b] = t.apps.map((app) => app.ritmo.triggers.scheduler);
    expect(a?.owner).not.toBe(b?.owner);
    for (let minute = 1; minute <= 8; minute++) {
      clock.set(START - 30_000 + minute * 60_000);
      const [fa, fb] = await Promise.all([a?.runDue(), b?.runDue()]);
      expect((fa?.length ?? 0) + (fb?.length ?? 0)).toBe(1);
    }
    expect((await t.call('GET', `/api/v1/builds?project=${project}`)).json.items).toHaveLength(8);
    const ticks = await Promise.all(
      (await t.store.builds.listBuilds({ projectId: (await t.store.projects.getProjectByName(project)).id })).items.map(async (s) => (await t.store.builds.getBuild(s.id)).trigger['scheduledAt']),
    );
    expect(new Set(ticks).size).toBe(8);
  });
});
