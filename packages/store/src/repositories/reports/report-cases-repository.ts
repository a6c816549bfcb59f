import type { Selectable } from 'kysely';
import { newId } from '@ritmo/shared';
import type { TestCasesTable } from '../../schema/report-tables.js';
import type { RepoContext } from '../repo-context.js';

export type TestCaseStatus = 'passed' | 'failed' | 'skipped' | 'error';

/** One test case of one report of one job attempt. */
export interface TestCase {
  id: string;
  projectId: string;
  buildId: string;
  jobId: string;
  attempt: number;
  reportPath: string;
  sha: string | null;
  suite: string;
  classname: string;
  name: string;
  status: TestCaseStatus;
  durationMs: number;
  message: string | null;
  createdAt: number;
}

export type NewTestCase = Pick<TestCase, 'suite' | 'classname' | 'name' | 'status' | 'durationMs' | 'message'>;

/** Where a report's cases belong. */
export interface TestReportRef {
  projectId: string;
  buildId: string;
  jobId: string;
  attempt: number;
  reportPath: string;
  sha: string | null;
}

export interface ReportCasesRepository {
  /**
   * Stores one report's cases, replacing what the same report of the same job attempt held before
   * (an upload sent again). Earlier attempts keep theirs: a retry that passes is how flaky tests
   * show. Returns how many were stored.
   */
  replaceReportCases(ref: TestReportRef, cases: readonly NewTestCase[]): Promise<number>;
  /** Every case of a build (every attempt), in suite/classname/name, then attempt and report order. */
  listBuildTestCases(buildId: string): Promise<TestCase[]>;
  /** A project's cases created in [since, until), newest first, at most `limit`. */
  listProjectTestCases(projectId: string | undefined, since: number, until: number, limit: number): Promise<TestCase[]>;
}

function toCase(row: Selectable<TestCasesTable>): TestCase {
  return {
    id: row.id,
    projectId: row.project_id,
    buildId: row.build_id,
    jobId: row.job_id,
    attempt: row.attempt,
    reportPath: row.report_path,
    sha: row.sha,
    suite: row.suite,
    classname: row.classname,
    name: row.name,
    status: row.status as TestCaseStatus,
    durationMs: row.duration_ms,
    message: row.message,
    createdAt: Number(row.created_at),
  };
}

/** Rows per INSERT statement (keeps under SQLite's bound-parameter limit). */
const BATCH = 200;

export function createReportCasesRepository(ctx: RepoContext): ReportCasesRepository {
  return {
    replaceReportCases: (ref, cases) =>
      ctx.inTransaction(async (tx) => {
        await tx.db
          .deleteFrom('test_cases')
          .where('job_id', '=', ref.jobId)
          .where('attempt', '=', ref.attempt)
          .where('report_path', '=', ref.reportPath)
          .execute();
        const now = tx.clock.now();
        for (let at = 0; at < cases.length; at += BATCH) {
          const rows = cases.slice(at, at + BATCH).map((c) => ({
            id: newId(),
            project_id: ref.projectId,
            build_id: ref.buildId,
            job_id: ref.jobId,
            attempt: ref.attempt,
            report_path: ref.reportPath,
            sha: ref.sha,
            suite: c.suite,
            classname: c.classname,
            name: c.name,
            status: c.status,
            duration_ms: Math.max(0, Math.round(c.durationMs)),
            message: c.message,
            created_at: now,
          }));
          await tx.db.insertInto('test_cases').values(rows).execute();
        }
        return cases.length;
      }),
    async listBuildTestCases(buildId) {
      const rows = await ctx.db.selectFrom('test_cases').selectAll().where('build_id', '=', buildId).orderBy('suite').orderBy('classname').orderBy('name').orderBy('attempt').orderBy('report_path').execute();
      return rows.map(toCase);
    },
    async listProjectTestCases(projectId, since, until, limit) {
      let q = ctx.db.selectFrom('test_cases').selectAll().where('created_at', '>=', since).where('created_at', '<', until);
      if (projectId !== undefined) q = q.where('project_id', '=', projectId);
      const rows = await q.orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
      return rows.map(toCase);
    },
  };
}
