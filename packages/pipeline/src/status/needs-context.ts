import type { NeedContext } from '../expressions/expression-context.js';
import type { PlanJob } from '../plan.js';
import type { JobStatus } from './job-status.js';

export interface NeedsLookup {
  jobsById: ReadonlyMap<string, PlanJob>;
  statusOf: (jobId: string) => JobStatus;
  outputsOf: (jobId: string) => Record<string, string> | undefined;
}

/**
 * The `needs` context of a job: one entry per key in `needsKeys`. All cells of a matrix job fold into one
 * entry: `failure` if any cell failed, else `canceled` if any was canceled, else `skipped` if all were
 * skipped, else `success`; outputs are merged in plan order (a later cell wins on equal names).
 */
export function buildNeedsContext(job: PlanJob, lookup: NeedsLookup): Record<string, NeedContext> {
  const context: Record<string, NeedContext> = {};
  for (const key of job.needsKeys) {
    const cells = job.needs.filter((id) => lookup.jobsById.get(id)?.key === key);
    const statuses = cells.map((id) => lookup.statusOf(id));
    const outputs: Record<string, string> = {};
    for (const id of cells) Object.assign(outputs, lookup.outputsOf(id) ?? {});
    context[key] = { result: foldResults(statuses), outputs };
  }
  return context;
}

function foldResults(statuses: JobStatus[]): string {
  if (statuses.includes('failure')) return 'failure';
  if (statuses.includes('canceled')) return 'canceled';
  if (statuses.length > 0 && statuses.every((s) => s === 'skipped')) return 'skipped';
  return statuses.every((s) => s === 'success' || s === 'skipped') ? 'success' : 'pending';
}
