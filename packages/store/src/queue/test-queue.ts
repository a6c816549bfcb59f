// Test helpers for the queue suites (test-only; excluded from the build).
import type { PlanJob } from '@ritmo/pipeline';
import type { Agent } from '../repositories/agents-repository.js';
import type { Job, NewJob } from '../repositories/jobs/job-record.js';
import type { Store } from '../store.js';
import { createTestProject, testPlan, testPlanJob, uniqueName } from '../testing/test-plan.js';

export interface QueuedJobSpec {
  id?: string;
  runsOn?: string[];
  priority?: number;
  status?: NewJob['status'];
  needs?: string[];
  retry?: PlanJob['retry'];
}

/** One build whose jobs are all queued (unless a spec says otherwise), in spec order. */
export async function seedJobs(store: Store, specs: readonly QueuedJobSpec[]): Promise<Job[]> {
  const project = await createTestProject(store, 'queue');
  const planJobs = specs.map((s, i) =>
    testPlanJob(s.id ?? `job-${i}`, {
      runsOn: s.runsOn ?? [],
      needs: s.needs ?? [],
      needsKeys: s.needs ?? [],
      ...(s.retry ? { retry: s.retry } : {}),
    }),
  );
  const { jobs } = await store.builds.createBuildWithJobs({
    build: { projectId: project.id, event: 'manual', trusted: true, plan: testPlan(planJobs) },
    jobs: planJobs.map((planJob, i) => ({ planJob, status: specs[i]?.status ?? 'queued', priority: specs[i]?.priority ?? 0 })),
  });
  return jobs;
}

export function seedAgent(store: Store, labels: readonly string[], capacity = 1): Promise<Agent> {
  return store.agents.createAgent({ name: uniqueName('agent'), labels, capacity, tokenHash: uniqueName('hash') });
}

/** A label no other test uses, so each test sees only its own jobs. */
export function uniqueLabel(): string {
  return uniqueName('label');
}

export function requestId(): string {
  return uniqueName('req');
}
