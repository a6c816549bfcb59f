import { z } from 'zod';
import { Timestamp } from './common.js';
import { FlakyTest } from './build-tests.js';

/** `GET /api/v1/analytics?project=&days=`: one project's numbers, or those of every project the caller can read. */
export const AnalyticsQuery = z.strictObject({
  project: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be a project name or id').optional(),
  days: z.coerce.number().int().min(1).max(90).default(14),
});
export type AnalyticsQuery = z.infer<typeof AnalyticsQuery>;

/** One UTC day of finished builds. Percentiles are null on days without finished builds. */
export const AnalyticsDay = z.object({
  /** `YYYY-MM-DD` (UTC). */
  day: z.string(),
  builds: z.number().int(),
  succeeded: z.number().int(),
  /** succeeded / builds, 0..1; null when no build finished that day. */
  successRate: z.number().nullable(),
  durationP50Ms: z.number().int().nullable(),
  durationP95Ms: z.number().int().nullable(),
  queueWaitP50Ms: z.number().int().nullable(),
  queueWaitP95Ms: z.number().int().nullable(),
});
export type AnalyticsDay = z.infer<typeof AnalyticsDay>;

export const SlowJob = z.object({
  project: z.string(),
  /** The job's plan name (e.g. `test`), over its runs in the window. */
  job: z.string(),
  runs: z.number().int(),
  p50Ms: z.number().int(),
  maxMs: z.number().int(),
});
export type SlowJob = z.infer<typeof SlowJob>;

export const Analytics = z.object({
  /** The project's name, or null for every readable project. */
  project: z.string().nullable(),
  days: z.number().int(),
  from: Timestamp,
  to: Timestamp,
  totals: z.object({
    builds: z.number().int(),
    successRate: z.number().nullable(),
    durationP50Ms: z.number().int().nullable(),
    durationP95Ms: z.number().int().nullable(),
    queueWaitP50Ms: z.number().int().nullable(),
    queueWaitP95Ms: z.number().int().nullable(),
  }),
  /** Every day of the window, oldest first, including empty ones. */
  daily: z.array(AnalyticsDay),
  /** Slowest jobs by median duration, at most 10. */
  slowestJobs: z.array(SlowJob),
  /** Flaky tests, most failures first, at most 20. */
  flakyTests: z.array(FlakyTest.extend({ project: z.string() })),
});
export type Analytics = z.infer<typeof Analytics>;
