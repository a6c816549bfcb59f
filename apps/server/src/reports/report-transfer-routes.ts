import { z } from 'zod';
import * as api from '@ritmo/protocol';
import type { AgentApiDeps } from '../agent-api/agent-api-deps.js';
import { archiveBody, fencedTransfer } from '../agent-api/fenced-transfer.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import type { JunitLimits } from './parse-junit.js';
import { storeReport } from './store-report.js';

const JobParams = z.strictObject({ id: api.Id });

/** Test reports between agents and the server: a job uploads each JUnit file its `reports.junit` matched. */
export function reportTransferRoutes(deps: AgentApiDeps & { reportLimits?: JunitLimits }): RouteSpec[] {
  return [
    defineRoute({
      method: 'POST',
      path: api.reportPaths.junit,
      summary: 'Upload one JUnit XML report of the job, gzip-compressed; ?path= names the file (job token, fenced by the lease)',
      tag: 'agent-api',
      params: JobParams,
      query: api.UploadReportQuery,
      response: { status: 201, schema: api.UploadedReport },
      errors: [
        'ERR_AGENT_UNAUTHENTICATED',
        'ERR_AGENT_INVALID_JOB_TOKEN',
        'ERR_STORE_LEASE_CONFLICT',
        'ERR_STORE_NOT_FOUND',
        'ERR_API_VALIDATION',
        'ERR_API_UNSUPPORTED_MEDIA_TYPE',
        'ERR_REPORT_NOT_DECLARED',
        'ERR_REPORT_INVALID',
        'ERR_REPORT_DTD_FORBIDDEN',
        'ERR_REPORT_TOO_LARGE',
        'ERR_REPORT_TOO_MANY_TESTS',
      ],
      guard: 'public',
      handler: async ({ params, query, request, reply }) => {
        const body = archiveBody(request, reply);
        const { job, build } = await fencedTransfer(deps, request, params.id, query);
        const stored = await storeReport({ store: deps.store, build, job, path: query.path, body, ...(deps.reportLimits ? { limits: deps.reportLimits } : {}), signal: deps.shutdown });
        request.log.info({ jobId: job.id, ...stored }, 'test report stored');
        return stored satisfies api.UploadedReport;
      },
    }),
  ];
}
