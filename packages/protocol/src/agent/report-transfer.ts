import { z } from 'zod';
import { AGENT_API } from './agent-paths.js';
import { TransferQuery } from './artifact-transfer.js';

/**
 * Test reports a job uploads (job token, fenced by the lease): one JUnit XML file per request, as a
 * gzip-compressed `application/gzip` body; the lease and the file's workspace path go in the query.
 */
export const reportPaths = {
  junit: `${AGENT_API}/jobs/{id}/reports/junit`,
} as const;

export const UploadReportQuery = TransferQuery.extend({
  /** The report's path relative to the workspace (what `reports.junit` matched). */
  path: z.string().min(1).max(1024),
});
export type UploadReportQuery = z.infer<typeof UploadReportQuery>;

export const UploadedReport = z.object({
  path: z.string(),
  tests: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
});
export type UploadedReport = z.infer<typeof UploadedReport>;
