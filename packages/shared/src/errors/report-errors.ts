import type { ErrorSpec } from '../error-catalog.js';

/** Codes of test reports (JUnit XML) and the analytics built on them. */
export const reportErrors = {
  ERR_REPORT_INVALID: { status: 422, summary: 'The test report is not well-formed JUnit XML (an unclosed tag, a bad attribute, or a root other than `testsuites`/`testsuite`); `details.line` says where, when known.' },
  ERR_REPORT_DTD_FORBIDDEN: { status: 422, summary: 'The test report has a DOCTYPE or ENTITY declaration; reports may not declare entities (this prevents entity-expansion attacks).' },
  ERR_REPORT_TOO_LARGE: { status: 413, summary: 'The test report is larger than allowed (decompressed); `details.limit` names the bound.' },
  ERR_REPORT_TOO_MANY_TESTS: { status: 413, summary: 'The test report holds more test cases than allowed; `details.limit` names the bound.' },
  ERR_REPORT_NOT_DECLARED: { status: 409, summary: 'The job uploads a test report but its pipeline declares no `reports.junit` paths.' },
} as const satisfies Record<string, ErrorSpec>;
