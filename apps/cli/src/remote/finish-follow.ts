import type { CliDeps } from '../cli-deps.js';
import { exitCodes } from '../exit-codes.js';
import { createColors, shouldUseColor } from '../output/colors.js';
import { buildLabel, formatBuildSummary } from './format-build.js';
import type { FollowResult } from './follow-build.js';

/**
 * Ends a followed build: the summary table and exit 0 when it succeeded, 1 when it did not; on Ctrl-C
 * a note that the build goes on, and 130.
 */
export function finishFollow(result: FollowResult, project: string, deps: CliDeps): number {
  const label = buildLabel(project, result.build.number);
  if (result.interrupted) {
    deps.stderr.write(`ritmo: stopped following; build ${label} goes on (ritmo cancel ${label} stops it)\n`);
    return exitCodes.interrupted;
  }
  const colors = createColors(shouldUseColor(deps.stdout, deps.env));
  deps.stdout.write(`\n${formatBuildSummary(result.build, colors, Date.now())}`);
  return result.build.status === 'success' ? exitCodes.ok : exitCodes.failure;
}
