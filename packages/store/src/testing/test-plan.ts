import { randomBytes } from 'node:crypto';
import type { Plan, PlanJob } from '@ritmo/pipeline';
import type { NewJob } from '../repositories/jobs/job-record.js';
import type { Store } from '../store.js';
import type { Project } from '../repositories/projects-repository.js';

/** A unique name for rows in a shared test database. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export function testPlanJob(id: string, overrides: Partial<PlanJob> = {}): PlanJob {
  return {
    id,
    key: id,
    name: id,
    needs: [],
    needsKeys: [],
    failFast: true,
    runsOn: ['linux'],
    services: [],
    env: {},
    steps: [{ id: 'step-1', name: 'echo', run: `echo ${id}`, env: {}, continueOnError: false }],
    timeoutMs: 3_600_000,
    retry: { max: 0, when: [], exitCodes: [] },
    continueOnError: false,
    artifacts: [],
    reports: { junit: [] },
    outputs: {},
    secrets: [],
    ...overrides,
  };
}

export function testPlan(jobs: PlanJob[]): Plan {
  return { name: 'ci', file: '.ritmo.yml', on: { schedule: [] }, env: {}, stages: [], jobs };
}

/** Jobs for createBuildWithJobs: the first is queued, the others pending on it. */
export function testJobs(...ids: string[]): NewJob[] {
  return ids.map((id, i) => ({
    planJob: testPlanJob(id, i === 0 ? {} : { needs: [ids[0] as string], needsKeys: [ids[0] as string] }),
    status: i === 0 ? 'queued' : 'pending',
  }));
}

export function createTestProject(store: Pick<Store, 'projects'>, prefix = 'project'): Promise<Project> {
  return store.projects.createProject({ name: uniqueName(prefix) });
}
