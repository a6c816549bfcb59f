import { baseEnv, createExecutor, createSecretMasker, EXECUTOR_NAMES } from '@ritmo/runner';
import { RitmoError } from '@ritmo/shared';
import type { CliDeps } from '../cli-deps.js';
import { parseKeyValues } from '../args/parse-key-values.js';
import { parsePositiveInt } from '../args/parse-positive-int.js';
import { exitCodes } from '../exit-codes.js';
import { loadPipeline } from '../files/load-pipeline.js';
import { resolveLocalTrigger } from '../local/resolve-local-trigger.js';
import { runLocalBuild } from '../local/run-local-build.js';
import { selectJobs } from '../local/select-jobs.js';
import { createColors, shouldUseColor } from '../output/colors.js';
import { createLiveReporter } from '../output/create-live-reporter.js';
import { formatRunHeader } from '../output/format-run-header.js';
import { formatSummaryTable } from '../output/format-summary-table.js';
import { withCliErrors } from '../with-cli-errors.js';

export interface RunOptions {
  /** Jobs to run (key, id or name), plus what they need; none = all. */
  job?: readonly string[];
  input?: readonly string[];
  /** `KEY=VALUE` variables for every step. */
  env?: readonly string[];
  /** `KEY=VALUE` secrets, masked in the output; values under 4 characters are refused. */
  secret?: readonly string[];
  event?: string;
  ref?: string;
  /** `host` (default) or `dummy`. */
  executor?: string;
  /** Jobs at once; default the CPU count. */
  maxParallel?: string | number;
  /** SIGTERM-to-SIGKILL grace when a job is canceled (default: the runner's 10 s). */
  killGraceMs?: number;
}

/**
 * `ritmo run [FILE]`: runs the pipeline on the working tree in `cwd`, jobs in DAG order and in parallel,
 * output live and prefixed per job, then a summary table. Exit 0 when the build succeeded, 1 when it
 * failed, 130 when it was interrupted (the signal in deps aborted).
 */
export function runCommand(file: string | undefined, options: RunOptions, deps: CliDeps): Promise<number> {
  return withCliErrors(deps, async () => {
    const env = parseKeyValues(options.env ?? [], '--env');
    const secrets = parseKeyValues(options.secret ?? [], '--secret');
    createSecretMasker(secrets); // refuses secrets too short to mask before anything starts
    const maxParallel = parseMaxParallel(options.maxParallel, deps.cpuCount);
    const executorName = options.executor ?? 'host';
    if (!EXECUTOR_NAMES.some((name) => name === executorName)) {
      throw new RitmoError('ERR_CLI_USAGE', `--executor must be one of ${EXECUTOR_NAMES.join(', ')}, got "${executorName}"`);
    }
    const loaded = await loadPipeline(file, deps);
    const plan = selectJobs(loaded.plan, options.job ?? []);
    const local = await resolveLocalTrigger(plan, options, deps);
    const colors = createColors(shouldUseColor(deps.stdout, deps.env));
    deps.stdout.write(formatRunHeader({ plan, trigger: local.trigger, on: local.on, maxParallel }, colors));

    const result = await runLocalBuild({
      plan,
      context: local.context,
      secrets,
      // PATH, HOME, ... come from the CLI's own environment as given in deps, then --env.
      env: { ...baseEnv(deps.env), ...env },
      workspace: deps.cwd,
      executor: createExecutor(executorName),
      maxParallel,
      signal: deps.signal,
      events: createLiveReporter(plan.jobs, deps.stdout, colors),
      ...(options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs }),
    });

    const rows = result.jobs.map((r) => ({
      name: r.job.name,
      status: r.status,
      ...(r.startedAt !== undefined && r.finishedAt !== undefined ? { durationMs: r.finishedAt - r.startedAt } : {}),
      ...(r.status === 'failure' && r.job.continueOnError ? { note: 'continue-on-error' } : {}),
    }));
    deps.stdout.write(`\n${formatSummaryTable(rows, { status: result.status, durationMs: result.finishedAt - result.startedAt }, colors)}`);
    if (result.status === 'success') return exitCodes.ok;
    return deps.signal.aborted ? exitCodes.interrupted : exitCodes.failure;
  });
}

function parseMaxParallel(value: string | number | undefined, cpuCount: number | undefined): number {
  if (value === undefined) return Math.max(1, cpuCount ?? 1);
  return parsePositiveInt(String(value), '--max-parallel');
}
