import { compilePipeline, type CompileOptions } from '../compile-pipeline.js';
import type { Diagnostic } from '../diagnostic.js';
import type { Plan, PlanJob } from '../plan.js';

/** `line:col CODE` for each diagnostic. */
export function diagnose(text: string, options?: CompileOptions): string[] {
  return compilePipeline(text, options).diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`);
}

/** The diagnostics themselves. */
export function diagnosticsOf(text: string, options?: CompileOptions): Diagnostic[] {
  return compilePipeline(text, options).diagnostics;
}

/** The plan, failing with the diagnostics when there is none. */
export function planOf(text: string, options?: CompileOptions): Plan {
  const { plan, diagnostics } = compilePipeline(text, options);
  if (!plan) throw new Error(`no plan:\n${diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`).join('\n')}`);
  return plan;
}

/** The plan job with this id. */
export function jobOf(plan: Plan, id: string): PlanJob {
  const job = plan.jobs.find((j) => j.id === id);
  if (!job) throw new Error(`no job ${id} in ${plan.jobs.map((j) => j.id).join(', ')}`);
  return job;
}

/** A pipeline with one job `j` whose body is `lines` (indented under the job). */
export function oneJob(...lines: string[]): string {
  return ['jobs:', '  j:', ...lines.map((l) => `    ${l}`)].join('\n') + '\n';
}
