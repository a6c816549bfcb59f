import type { PlanJob } from '@ritmo/pipeline';
import type { Artifact, Build, Store } from '@ritmo/store';
import { deployPinOf } from './deploy-pin.js';

/** Plan ids of every job `job` depends on, directly or not, with their distance (1 = a direct need). */
export function ancestorsOf(jobs: readonly PlanJob[], job: PlanJob): Map<string, number> {
  const byId = new Map(jobs.map((j) => [j.id, j]));
  const distance = new Map<string, number>();
  let frontier = job.needs;
  for (let d = 1; frontier.length > 0; d++) {
    const next: string[] = [];
    for (const id of frontier) {
      if (distance.has(id)) continue;
      distance.set(id, d);
      next.push(...(byId.get(id)?.needs ?? []));
    }
    frontier = next;
  }
  return distance;
}

/**
 * The artifacts a job receives in its workspace: those of every job it depends on, directly or
 * through others (like GitLab's earlier stages). A deploy or rollback build reuses the jobs of its
 * source build, so their artifacts come from there. Farthest first, so nearer jobs' files win when
 * paths overlap.
 */
export async function neededArtifacts(store: Pick<Store, 'jobs' | 'artifacts'>, build: Build, job: PlanJob): Promise<Artifact[]> {
  const ancestors = ancestorsOf(build.plan.jobs, job);
  if (ancestors.size === 0) return [];
  const sourceBuildId = deployPinOf(build)?.sourceBuildId ?? build.id;
  const jobs = (await store.jobs.listBuildJobs(sourceBuildId)).filter((j) => ancestors.has(j.planJobId));
  const planIdOf = new Map(jobs.map((j) => [j.id, j.planJobId]));
  const artifacts = await store.artifacts.listJobArtifacts(jobs.map((j) => j.id));
  const distance = (a: Artifact): number => ancestors.get(planIdOf.get(a.jobId ?? '') ?? '') ?? 0;
  return artifacts.sort((a, b) => distance(b) - distance(a) || a.createdAt - b.createdAt);
}

/** The job (plan id) an artifact came from, for listings. */
export async function planJobIdsOf(store: Pick<Store, 'jobs'>, artifacts: readonly Artifact[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const id of new Set(artifacts.map((a) => a.jobId).filter((x): x is string => x !== null))) {
    const job = await store.jobs.findJob(id);
    if (job) out.set(id, job.planJobId);
  }
  return out;
}
