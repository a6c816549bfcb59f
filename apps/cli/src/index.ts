export { runCli } from './run-cli.js';
export { lintCommand, type LintOptions } from './commands/lint.js';
export { planCommand, type PlanOptions } from './commands/plan.js';
export { runCommand, type RunOptions } from './commands/run.js';
export { exitCodes, type ExitCode } from './exit-codes.js';
export type { CliDeps, TextSink } from './cli-deps.js';
export {
  runLocalBuild,
  type RunLocalBuildOptions,
  type LocalBuildResult,
  type LocalBuildEvents,
  type LocalJobRecord,
} from './local/run-local-build.js';
