import { describe, expect, it } from 'vitest';
import { computeAnalytics, type BuildSample, type JobSample } from './compute-analytics.js';
import { percentile } from './percentile.js';

const DAY = 24 * 3600 * 1000;
const from = Date.UTC(2026, 10, 20);
const S = 1000;

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const values = Array.from({ length: 20 }, (_, i) => (i + 1) * 10);
    expect(percentile(values, 0.5)).toBe(100);
    expect(percentile(values, 0.95)).toBe(190);
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
  });
});

describe('computeAnalytics', () => {
  it('computes per-day and whole-window numbers, and ignores what lies outside the window', () => {
    const build = (day: number, seconds: number, status: string): BuildSample => ({ status, startedAt: from + day * DAY + 3600 * S, finishedAt: from + day * DAY + 3600 * S + seconds * S });
    const job = (day: number, name: string, waitS: number | null, runS: number | null, project = 'web'): JobSample => {
      const startedAt = from + day * DAY + 7200 * S;
      return { project, name, queuedAt: waitS === null ? null : startedAt - waitS * S, startedAt, finishedAt: runS === null ? null : startedAt + runS * S };
    };
    const result = computeAnalytics({
      from,
      days: 3,
      builds: [
        build(0, 10, 'success'),
        build(0, 30, 'success'),
        build(0, 50, 'failure'),
        build(0, 70, 'canceled'),
        build(2, 100, 'failure'),
        build(-1, 999, 'success'),
        build(3, 999, 'success'),
      ],
      jobs: [
        job(0, 'test', 2, 60),
        job(0, 'test', 4, 120),
        job(0, 'lint', 1, 5),
        job(2, 'test', 30, null),
        job(2, 'deploy', null, 300, 'api'),
        job(5, 'test', 999, 999),
      ],
    });
    expect(result.daily).toEqual([
      { day: '2026-11-20', builds: 3, succeeded: 2, successRate: 2 / 3, durationP50Ms: 30 * S, durationP95Ms: 50 * S, queueWaitP50Ms: 2 * S, queueWaitP95Ms: 4 * S },
      { day: '2026-11-21', builds: 0, succeeded: 0, successRate: null, durationP50Ms: null, durationP95Ms: null, queueWaitP50Ms: null, queueWaitP95Ms: null },
      { day: '2026-11-22', builds: 1, succeeded: 0, successRate: 0, durationP50Ms: 100 * S, durationP95Ms: 100 * S, queueWaitP50Ms: 30 * S, queueWaitP95Ms: 30 * S },
    ]);
    expect(result.totals).toEqual({ builds: 4, successRate: 0.5, durationP50Ms: 30 * S, durationP95Ms: 100 * S, queueWaitP50Ms: 2 * S, queueWaitP95Ms: 30 * S });
    expect(result.slowestJobs).toEqual([
      { project: 'api', job: 'deploy', runs: 1, p50Ms: 300 * S, maxMs: 300 * S },
      { project: 'web', job: 'test', runs: 2, p50Ms: 60 * S, maxMs: 120 * S },
      { project: 'web', job: 'lint', runs: 1, p50Ms: 5 * S, maxMs: 5 * S },
    ]);
  });
});
