import type { Plan, PlanJob } from '../plan.js';
import type { PipelineInput } from '../schema/pipeline-schema.js';
import { assignJobIds } from './assign-job-ids.js';
import { checkNeedsDag } from './check-needs-dag.js';
import { collectSecrets } from './collect-secrets.js';
import { compact, mapValues, scalarText, type CompileContext } from './compile-context.js';
import { compileJob } from './compile-job.js';
import { compileConcurrency } from './compile-job-parts.js';
import { compileStages } from './compile-stages.js';
import { compileTriggers } from './compile-triggers.js';
import { expandMatrix, type MatrixCell, type MatrixInput } from './expand-matrix.js';

/** The validated pipeline as a Plan: triggers, stages turned into needs, matrices expanded, ids assigned. */
export function compilePlan(input: PipelineInput, file: string, ctx: CompileContext): Plan {
  const on = compileTriggers(input.on, ctx);
  const needs = compileStages(input, ctx);
  checkNeedsDag(needs, ctx);
  const idFor = assignJobIds(Object.keys(input.jobs));
  const byKey = new Map<string, PlanJob[]>();
  for (const [key, job] of Object.entries(input.jobs)) {
    const matrix = job.strategy?.matrix as MatrixInput | undefined;
    const cells: (MatrixCell | undefined)[] = matrix ? expandMatrix(matrix) : [undefined];
    if (cells.length === 0) {
      ctx.report('ERR_PIPELINE_INVALID_VALUE', `the matrix of job "${key}" has no combinations left after exclude`, ['jobs', key, 'strategy', 'matrix']);
    }
    const stage = needs.get(key)?.stage;
    byKey.set(
      key,
      cells.map((cell) => ({ ...compileJob(key, job, cell, stage, ctx), id: idFor(key, cell) })),
    );
  }
  const jobs: PlanJob[] = [];
  for (const [key, cells] of byKey) {
    const needsKeys = needs.get(key)?.keys.filter((k) => byKey.has(k)) ?? [];
    const needIds = needsKeys.flatMap((k) => (byKey.get(k) ?? []).map((j) => j.id));
    const secrets = collectSecrets(input.jobs[key], input.env);
    for (const cell of cells) jobs.push({ ...cell, needs: needIds, needsKeys, secrets });
  }
  return compact<Plan>({
    name: input.name ?? nameFromFile(file),
    file,
    on,
    env: mapValues(input.env, (v) => scalarText(v)),
    concurrency: compileConcurrency(input.concurrency, (t) => t),
    stages: [...(input.stages ?? [])],
    jobs,
  });
}

/** `.ritmo/ci.yml` -> `ci`, `.ritmo.yml` -> `ritmo`. */
function nameFromFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.ya?ml$/i, '').replace(/^\.+/, '') || 'pipeline';
}
