import type { Plan, PlanJob } from '../plan.js';

/** A plan job with defaults, for tests. */
export function planJob(id: string, fields: Partial<PlanJob> = {}): PlanJob {
  return {
    id,
    key: id,
    name: id,
    needs: [],
    needsKeys: [],
    failFast: false,
    runsOn: [],
    services: [],
    env: {},
    steps: [],
    timeoutMs: 3_600_000,
    retry: { max: 0, when: [], exitCodes: [] },
    continueOnError: false,
    artifacts: [],
    reports: { junit: [] },
    outputs: {},
    secrets: [],
    ...fields,
  };
}

/** Matrix cells `<key>-<value>` of one job, named `key (axis: value)`. */
export function matrixJobs(key: string, axis: string, values: (string | number)[], fields: Partial<PlanJob> = {}): PlanJob[] {
  return values.map((value) =>
    planJob(`${key}-${value}`, {
      key,
      name: `${key} (${axis}: ${value})`,
      matrix: { [axis]: value },
      matrixGroup: key,
      failFast: true,
      ...fields,
    }),
  );
}

/** `needs` on every cell of the named keys. */
export function needing(plan: PlanJob[], ...keys: string[]): Pick<PlanJob, 'needs' | 'needsKeys'> {
  return { needs: plan.filter((j) => keys.includes(j.key)).map((j) => j.id), needsKeys: keys };
}

export function planOf(jobs: PlanJob[]): Plan {
  return { name: 'test', file: '.ritmo.yml', on: { schedule: [] }, env: {}, stages: [], jobs };
}
