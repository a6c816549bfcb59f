import { z } from 'zod';
import { Id, Timestamp } from './common.js';

export const TestStatus = z.enum(['passed', 'failed', 'skipped', 'error']);
export type TestStatus = z.infer<typeof TestStatus>;

/** One test case from a JUnit report. */
export const TestResult = z.object({
  suite: z.string(),
  classname: z.string(),
  name: z.string(),
  status: TestStatus,
  durationMs: z.number().int().min(0),
  /** The failure's message and text (cut at 4,000 characters); null for passed tests. */
  message: z.string().nullable(),
  /** The plan id of the job whose report it came from. */
  job: z.string(),
});
export type TestResult = z.infer<typeof TestResult>;

/** `GET /api/v1/builds/{id}/tests`: the build's test counts and its failed tests. */
export const BuildTests = z.object({
  buildId: Id,
  /** False when no job of the build uploaded a report (yet). */
  reported: z.boolean(),
  total: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  /** Tests that errored (count among the failed ones in `failures`). */
  errors: z.number().int(),
  skipped: z.number().int(),
  durationMs: z.number().int(),
  /** Failed and errored tests, with their messages. */
  failures: z.array(TestResult),
});
export type BuildTests = z.infer<typeof BuildTests>;

/** `GET /api/v1/projects/{project}/tests/flaky?days=`. */
export const FlakyTestsQuery = z.strictObject({ days: z.coerce.number().int().min(1).max(365).default(30) });
export type FlakyTestsQuery = z.infer<typeof FlakyTestsQuery>;

/** A test that both passed and failed on the same commit. */
export const FlakyTest = z.object({
  suite: z.string(),
  classname: z.string(),
  name: z.string(),
  /** Runs in the window, and how many of them failed. */
  runs: z.number().int(),
  failures: z.number().int(),
  /** Commits on which it both passed and failed. */
  flakyCommits: z.array(z.string()),
  lastFailedAt: Timestamp.nullable(),
  lastMessage: z.string().nullable(),
});
export type FlakyTest = z.infer<typeof FlakyTest>;

export const FlakyTests = z.object({ days: z.number().int(), tests: z.array(FlakyTest) });
export type FlakyTests = z.infer<typeof FlakyTests>;
