import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  evaluateCondition,
  interpolate,
  renderScript,
  type EvaluateOptions,
  type ExpressionContext,
  type PlanStep,
} from '@ritmo/pipeline';
import { formatDuration, toError, type Clock } from '@ritmo/shared';
import { executeStep, type ExecutedStep } from './execute-step.js';
import type { Executor, ExecutorJob, ExecutorStep } from './executor.js';
import { interpolateEnv } from './interpolate-env.js';
import type { StepEvent, StepResult, StepStatus } from './job-result.js';
import type { LogWriter } from './log-writer.js';
import { readStepOutputs } from './read-step-outputs.js';
import { usesPosixShell } from './shell-command.js';

export interface RunStepDeps {
  executor: Executor;
  job: ExecutorJob;
  log: LogWriter;
  clock: Clock;
  killGraceMs: number;
  /** Process env up to and including the pipeline and job `env:`. */
  processEnv: Record<string, string>;
  /** Context as of this step: `env` is pipeline + job env, `steps` holds the earlier steps. */
  ctx: ExpressionContext;
  evaluate: EvaluateOptions & Required<Pick<EvaluateOptions, 'status'>>;
  /** Aborted with a StopReason to stop the step. */
  signal: AbortSignal;
  onStep?: (event: StepEvent) => void;
}

/** Runs one step of a job: decides its `if:`, prepares script and env, runs it, collects its outputs. */
export async function runStep(step: PlanStep, index: number, deps: RunStepDeps): Promise<StepResult> {
  const { log, clock } = deps;
  const startedAt = clock.now();
  const finish = (status: StepStatus, run: Partial<ExecutedStep> = {}, outputs: Record<string, string> = {}): StepResult => {
    const result: StepResult = {
      id: step.id,
      name: step.name,
      status,
      conclusion: status === 'failure' && step.continueOnError ? 'success' : status,
      exitCode: run.exitCode ?? null,
      startedAt,
      finishedAt: clock.now(),
      outputs,
      timedOut: run.stoppedBy === 'timeout' || run.stoppedBy === 'job-timeout',
    };
    deps.onStep?.({ type: 'finished', stepId: step.id, name: step.name, ts: result.finishedAt, result });
    return result;
  };

  let shouldRun: boolean;
  try {
    shouldRun = evaluateCondition(step.if, deps.ctx, deps.evaluate);
  } catch (e: unknown) {
    log.system(`Step "${step.name}": ${describe(e)}`, step.id);
    return finish('failure');
  }
  if (!shouldRun) {
    log.system(`Skipping step "${step.name}"${step.if === undefined ? '' : ` (if: ${step.if})`}`, step.id);
    return finish('skipped');
  }

  deps.onStep?.({ type: 'started', stepId: step.id, name: step.name, ts: startedAt });
  log.system(`Running step "${step.name}"`, step.id);
  if (step.run === undefined) {
    log.system(
      `ERR_RUNNER_PLUGIN_UNAVAILABLE: step "${step.name}" uses "${step.uses ?? ''}", but this runner cannot run plugins yet`,
      step.id,
    );
    return finish('failure');
  }

  let prepared: ExecutorStep;
  try {
    prepared = await prepareStep(step, step.run, index, deps);
  } catch (e: unknown) {
    log.system(`Step "${step.name}": ${describe(e)}`, step.id);
    return finish('failure');
  }
  const run = await executeStep({
    executor: deps.executor,
    job: deps.job,
    step: prepared,
    log,
    signal: deps.signal,
    killGraceMs: deps.killGraceMs,
    ...(step.timeoutMs === undefined ? {} : { timeoutMs: step.timeoutMs }),
  });
  const outputs = await readStepOutputs(prepared.env.RITMO_OUTPUT!, (message) => log.system(message, step.id));
  const status: StepStatus =
    run.stoppedBy === 'canceled' ? 'canceled' : run.stoppedBy === undefined && run.exitCode === 0 ? 'success' : 'failure';
  const exitText = run.exitCode === null ? 'not started' : `exit code ${run.exitCode}`;
  log.system(`Step "${step.name}" ${status} (${exitText}, ${formatDuration(clock.now() - startedAt)})`, step.id);
  return finish(status, run, outputs);
}

async function prepareStep(step: PlanStep, run: string, index: number, deps: RunStepDeps): Promise<ExecutorStep> {
  const stepEnv = interpolateEnv(step.env, deps.ctx, deps.evaluate);
  const ctx: ExpressionContext = { ...deps.ctx, env: { ...deps.ctx.env, ...stepEnv } };
  const rendered = usesPosixShell(step.shell)
    ? renderScript(run, ctx, deps.evaluate)
    : { script: interpolate(run, ctx, deps.evaluate), env: {} };
  const workingDirectory = resolve(deps.job.workspace, interpolate(step.workingDirectory ?? '.', ctx, deps.evaluate));
  const outputFile = join(deps.job.tempDir, `output-${index}`);
  await writeFile(outputFile, '');
  const prepared: ExecutorStep = {
    id: step.id,
    index,
    name: step.name,
    script: rendered.script,
    workingDirectory,
    env: { ...deps.processEnv, ...stepEnv, RITMO_OUTPUT: outputFile, ...rendered.env },
  };
  if (step.shell !== undefined) prepared.shell = step.shell;
  return prepared;
}

function describe(e: unknown): string {
  const error = toError(e) as Error & { code?: string };
  return error.code === undefined ? error.message : `${error.code}: ${error.message}`;
}
