import type { ErrorSpec } from '../error-catalog.js';

/** Codes raised while running a job's steps. */
export const runnerErrors = {
  ERR_RUNNER_SECRET_TOO_SHORT: { status: 400, summary: 'A secret value is shorter than 4 characters, too short to mask safely.' },
  ERR_RUNNER_UNKNOWN_EXECUTOR: { status: 400, summary: 'The executor name is not one this runner provides (host, dummy).' },
  ERR_RUNNER_INVALID_SHELL: { status: 422, summary: 'A step names a shell that is neither known (bash, sh, pwsh, python) nor a command template containing {0}.' },
  ERR_RUNNER_SPAWN_FAILED: { status: 500, summary: 'The step process could not be started (shell not installed, working directory missing, ...).' },
  ERR_RUNNER_PLUGIN_UNAVAILABLE: { status: 501, summary: 'A `uses:` step names a plugin this runner cannot run.' },
  ERR_RUNNER_OUTPUT_FILE_INVALID: { status: 422, summary: 'The file named by $RITMO_OUTPUT is malformed (unterminated heredoc, bad key) or too large.' },
} as const satisfies Record<string, ErrorSpec>;
