import type { Millis } from './column-kinds.js';

/** One test case of a JUnit report a job uploaded (one row per case per report file). */
export interface TestCasesTable {
  id: string;
  project_id: string;
  build_id: string;
  job_id: string;
  attempt: number;
  /** The report file it came from, relative to the workspace. */
  report_path: string;
  /** The build's commit, so flaky tests (same commit, both outcomes) are one query away. */
  sha: string | null;
  suite: string;
  classname: string;
  name: string;
  /** `passed`, `failed`, `skipped` or `error`. */
  status: string;
  duration_ms: number;
  message: string | null;
  created_at: Millis;
}
