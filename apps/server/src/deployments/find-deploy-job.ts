import type { Build, Job, Store } from '@ritmo/store';
import { environmentOf } from './environment-of.js';

/** The job of `build` that deploys to `environment` (the first in plan order), if any. */
export async function findDeployJob(store: Pick<Store, 'jobs'>, build: Build, projectName: string, environment: string): Promise<Job | undefined> {
  const jobs = await store.jobs.listBuildJobs(build.id);
  return jobs.find((j) => j.planJob.environment !== undefined && environmentOf(build, projectName, j.planJob.environment).name === environment);
}
