import { isRitmoError, toError, type ErrorCode } from '@ritmo/shared';
import type { CliDeps } from './cli-deps.js';
import { exitCodes } from './exit-codes.js';

/** Errors caused by how the command was called: exit 2, like any usage error. */
const USAGE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'ERR_CLI_USAGE',
  'ERR_CLI_PIPELINE_NOT_FOUND',
  'ERR_CLI_PIPELINE_AMBIGUOUS',
  'ERR_CLI_JOB_NOT_FOUND',
  'ERR_CLI_AGENT_AMBIGUOUS',
  'ERR_CLI_INPUT_INVALID',
  'ERR_RUNNER_SECRET_TOO_SHORT',
]);

/**
 * Runs a command and turns what it throws into a one-line message on stderr and an exit code:
 * 2 for usage errors (unknown file, bad option), 1 for anything else. No stack traces for known codes.
 */
export async function withCliErrors(deps: Pick<CliDeps, 'stderr'>, command: () => Promise<number>): Promise<number> {
  try {
    return await command();
  } catch (e: unknown) {
    const error = toError(e);
    if (isRitmoError(error)) {
      deps.stderr.write(`ritmo: ${error.code}: ${error.message}\n`);
      for (const hint of error.suggestions) deps.stderr.write(`  hint: ${hint}\n`);
      return USAGE_CODES.has(error.code) ? exitCodes.usage : exitCodes.failure;
    }
    deps.stderr.write(`ritmo: ERR_INTERNAL: ${error.message}\n${error.stack ?? ''}\n`);
    return exitCodes.failure;
  }
}
