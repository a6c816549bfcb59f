import { parseDuration } from '@ritmo/shared';
import type { PlanJob } from '../plan.js';
import type { JobInput } from '../schema/pipeline-schema.js';
import { compact, mapValues, scalarText, toList, type CompileContext } from './compile-context.js';
import { compileArtifacts, compileCache, compileConcurrency, compileEnvironment, compileRetry, compileServices } from './compile-job-parts.js';
import { compileSteps } from './compile-steps.js';
import type { MatrixCell } from './expand-matrix.js';
import { contextRefs, substituteMatrix } from './template-refs.js';

export const DEFAULT_TIMEOUT_MS = 60 * 60 * 1000;

/**
 * One plan job for a job key (and one matrix cell, when the job has a matrix), with defaults applied
 * and `${{ matrix.* }}` references substituted everywhere except `if:`. Id and needs are filled in
 * by the caller, which knows every job.
 */
export function compileJob(key: string, job: JobInput, cell: MatrixCell | undefined, stage: string | undefined, ctx: CompileContext): PlanJob {
  const sub = cell ? (text: string) => substituteMatrix(text, cell) : (text: string) => text;
  const name = jobName(key, job, cell);
  if (name.length > ctx.limits.maxJobNameLength) {
    ctx.report('ERR_PIPELINE_LIMIT_JOB_NAME', `job name "${name.slice(0, 40)}..." is ${name.length} characters, over the limit of ${ctx.limits.maxJobNameLength}`, ['jobs', key, 'name']);
  }
  const strategy = job.strategy;
  return compact<PlanJob>({
    id: '',
    key,
    name,
    stage,
    needs: [],
    needsKeys: [],
    matrix: cell,
    matrixGroup: cell ? key : undefined,
    failFast: strategy?.['fail-fast'] ?? true,
    maxParallel: strategy?.['max-parallel'],
    if: job.if === undefined ? undefined : String(job.if),
    runsOn: toList(job['runs-on']).map(sub),
    image: job.image === undefined ? undefined : sub(job.image),
    services: compileServices(key, job.services, sub, ctx),
    env: mapValues(job.env, (v) => sub(scalarText(v))),
    steps: compileSteps(key, job.steps, sub, ctx),
    timeoutMs: job.timeout === undefined ? DEFAULT_TIMEOUT_MS : (parseDuration(job.timeout) ?? DEFAULT_TIMEOUT_MS),
    retry: compileRetry(job.retry),
    continueOnError: job['continue-on-error'] ?? false,
    concurrency: compileConcurrency(job.concurrency, sub),
    cache: compileCache(job.cache, sub),
    artifacts: compileArtifacts(key, job.artifacts, sub, ctx),
    reports: { junit: toList(job.reports?.junit).map(sub) },
    environment: compileEnvironment(job.environment, sub),
    outputs: mapValues(job.outputs, sub),
    secrets: [],
  });
}

/** `name:` with matrix values substituted, or the name (or key) followed by the cell: `test (node: 20, os: linux)`. */
function jobName(key: string, job: JobInput, cell: MatrixCell | undefined): string {
  const base = job.name ?? key;
  if (!cell) return base;
  if (job.name !== undefined && contextRefs(job.name, 'matrix').length > 0) return substituteMatrix(job.name, cell);
  const values = Object.entries(cell).map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`);
  return `${base} (${values.join(', ')})`;
}
