import type { Plan, PlanJob } from '@ritmo/pipeline';
import { RitmoError } from '@ritmo/shared';

/**
 * `--job`: keeps the jobs named (by key, which selects every matrix cell, by id or by name) plus every
 * job they need, transitively, in plan order. No names keeps the whole plan. An unknown name throws
 * ERR_CLI_JOB_NOT_FOUND listing the jobs there are.
 */
export function selectJobs(plan: Plan, names: readonly string[]): Plan {
  if (names.length === 0) return plan;
  const byId = new Map(plan.jobs.map((j) => [j.id, j]));
  const wanted = new Set<string>();
  const visit = (job: PlanJob): void => {
    if (wanted.has(job.id)) return;
    wanted.add(job.id);
    for (const need of job.needs) {
      const dependency = byId.get(need);
      if (dependency !== undefined) visit(dependency);
    }
  };
  for (const name of names) {
    const matches = plan.jobs.filter((j) => j.key === name || j.id === name || j.name === name);
    if (matches.length === 0) {
      const known = [...new Set(plan.jobs.flatMap((j) => [j.key, j.name]))];
      throw new RitmoError('ERR_CLI_JOB_NOT_FOUND', `no job "${name}" in ${plan.file}; jobs: ${known.join(', ')}`, {
        details: { job: name, jobs: known },
      });
    }
    for (const job of matches) visit(job);
  }
  return { ...plan, jobs: plan.jobs.filter((j) => wanted.has(j.id)) };
}
