import type * as api from '@ritmo/protocol';
import { percentile } from './percentile.js';

const DAY = 24 * 3600 * 1000;

/** A finished build, as analytics needs it. */
export interface BuildSample {
  status: string;
  /** When it started running (or was created, if it never started) and when it finished. */
  startedAt: number;
  finishedAt: number;
}

/** A job run, as analytics needs it. */
export interface JobSample {
  project: string;
  name: string;
  queuedAt: number | null;
  startedAt: number;
  finishedAt: number | null;
}

export interface AnalyticsInput {
  /** Start of the window (inclusive, a UTC midnight) and its number of days. */
  from: number;
  days: number;
  builds: readonly BuildSample[];
  jobs: readonly JobSample[];
}

type Numbers = Omit<api.AnalyticsDay, 'day'>;

function numbersOf(builds: readonly BuildSample[], waits: readonly number[]): Numbers {
  // Canceled builds say nothing about the code, so they count neither way.
  const decided = builds.filter((b) => b.status === 'success' || b.status === 'failure');
  const succeeded = decided.filter((b) => b.status === 'success').length;
  const durations = decided.map((b) => Math.max(0, b.finishedAt - b.startedAt));
  return {
    builds: decided.length,
    succeeded,
    successRate: decided.length === 0 ? null : succeeded / decided.length,
    durationP50Ms: percentile(durations, 0.5),
    durationP95Ms: percentile(durations, 0.95),
    queueWaitP50Ms: percentile(waits, 0.5),
    queueWaitP95Ms: percentile(waits, 0.95),
  };
}

/**
 * Build and job numbers of a time window: per UTC day (by when builds finished and jobs started)
 * duration p50/p95, success rate and queue wait p50/p95 (job queued to started), the same over the
 * whole window, and the jobs with the highest median duration.
 */
export function computeAnalytics(input: AnalyticsInput): Pick<api.Analytics, 'totals' | 'daily' | 'slowestJobs'> {
  const dayOf = (t: number) => Math.floor((t - input.from) / DAY);
  const inWindow = (i: number) => i >= 0 && i < input.days;
  const buildsByDay = Array.from({ length: input.days }, () => [] as BuildSample[]);
  const waitsByDay = Array.from({ length: input.days }, () => [] as number[]);
  for (const b of input.builds) if (inWindow(dayOf(b.finishedAt))) buildsByDay[dayOf(b.finishedAt)]!.push(b);
  for (const j of input.jobs) {
    if (j.queuedAt !== null && inWindow(dayOf(j.startedAt))) waitsByDay[dayOf(j.startedAt)]!.push(Math.max(0, j.startedAt - j.queuedAt));
  }
  const daily = buildsByDay.map((builds, i) => ({ day: new Date(input.from + i * DAY).toISOString().slice(0, 10), ...numbersOf(builds, waitsByDay[i]!) }));
  const { succeeded: _succeeded, ...totals } = numbersOf(buildsByDay.flat(), waitsByDay.flat());

  const runs = new Map<string, { project: string; job: string; durations: number[] }>();
  for (const j of input.jobs) {
    if (j.finishedAt === null || !inWindow(dayOf(j.startedAt))) continue;
    const key = JSON.stringify([j.project, j.name]);
    const entry = runs.get(key) ?? { project: j.project, job: j.name, durations: [] };
    entry.durations.push(Math.max(0, j.finishedAt - j.startedAt));
    runs.set(key, entry);
  }
  const slowestJobs = [...runs.values()]
    .map((r) => ({ project: r.project, job: r.job, runs: r.durations.length, p50Ms: percentile(r.durations, 0.5) ?? 0, maxMs: Math.max(...r.durations) }))
    .sort((a, b) => b.p50Ms - a.p50Ms || a.project.localeCompare(b.project) || a.job.localeCompare(b.job))
    .slice(0, 10);
  return { totals, daily, slowestJobs };
}
