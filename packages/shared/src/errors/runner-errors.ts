import type { ErrorSpec } from '../error-catalog.js';

/** Codes raised while running a job's steps. */
export const runnerErrors = {
  ERR_RUNNER_SECRET_TOO_SHORT: { status: 400, summary: 'A secret value is shorter than 4 characters, too short to mask safely.' },
  ERR_RUNNER_UNKNOWN_EXECUTOR: { status: 400, summary: 'The executor name is not one this runner provides (host, sandbox, docker, dummy).' },
  ERR_RUNNER_INVALID_SHELL: { status: 422, summary: 'A step names a shell that is neither known (bash, sh, pwsh, python) nor a command template containing {0}.' },
  ERR_RUNNER_SPAWN_FAILED: { status: 500, summary: 'The step process could not be started (shell not installed, working directory missing, ...).' },
  ERR_RUNNER_PLUGIN_UNAVAILABLE: { status: 501, summary: 'A `uses:` step names a plugin this runner cannot run.' },
  ERR_RUNNER_OUTPUT_FILE_INVALID: { status: 422, summary: 'The file named by $RITMO_OUTPUT is malformed (unterminated heredoc, bad key) or too large.' },
  ERR_RUNNER_SANDBOX_UNAVAILABLE: { status: 503, summary: 'The sandbox executor cannot run: bubblewrap (bwrap) is missing or does not work on this machine.' },
  ERR_RUNNER_CGROUP_UNAVAILABLE: { status: 503, summary: 'Resource limits were requested but no writable cgroup (v1 or v2) with the needed controllers is available.' },
  ERR_RUNNER_DOCKER_UNAVAILABLE: { status: 503, summary: 'The docker executor cannot reach the Docker Engine API, or the engine refused to create the job container, network or services.' },
  ERR_RUNNER_IMAGE_UNAVAILABLE: { status: 424, summary: 'A job or service image is not present locally and could not be pulled (or pulling is disabled).' },
} as const satisfies Record<string, ErrorSpec>;
