/**
 * The one catalog of stable error codes. Every code used anywhere in Ritmo is declared here, grouped
 * by area, and documented in docs/errors.md (a test checks that both agree).
 *
 * `status` is the HTTP status an API answers with when this error reaches a client.
 */
export interface ErrorSpec {
  readonly status: number;
  readonly summary: string;
}

import { pipelineErrors } from './errors/pipeline-errors.js';
import { runnerErrors } from './errors/runner-errors.js';
import { cliErrors } from './errors/cli-errors.js';
import { clientErrors } from './errors/client-errors.js';
import { generalErrors } from './errors/general-errors.js';
import { storeErrors } from './errors/store-errors.js';
import { serverErrors } from './errors/server-errors.js';
import { agentErrors } from './errors/agent-errors.js';
import { secretErrors } from './errors/secret-errors.js';
import { triggerErrors } from './errors/trigger-errors.js';
import { pluginErrors } from './errors/plugin-errors.js';
import { artifactErrors } from './errors/artifact-errors.js';
import { reportErrors } from './errors/report-errors.js';

export const errorCatalog = {
  ...generalErrors,
  ...pipelineErrors,
  ...runnerErrors,
  ...cliErrors,
  ...clientErrors,
  ...storeErrors,
  ...serverErrors,
  ...agentErrors,
  ...secretErrors,
  ...triggerErrors,
  ...pluginErrors,
  ...artifactErrors,
  ...reportErrors,
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorCatalog;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorCatalog, code);
}
