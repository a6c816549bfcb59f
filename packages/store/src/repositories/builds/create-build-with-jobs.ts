import type { Job, NewJob } from '../jobs/job-record.js';
import { insertJobs } from '../jobs/insert-jobs.js';
import type { RepoContext } from '../repo-context.js';
import type { Build, NewBuild } from './build-record.js';
import { insertBuild } from './insert-build.js';

export interface NewBuildWithJobs {
  build: NewBuild;
  /** In plan order. */
  jobs: readonly NewJob[];
}

/** The trigger-time write: the build (with its number) and all its jobs, in one transaction. */
export function createBuildWithJobs(ctx: RepoContext, input: NewBuildWithJobs): Promise<{ build: Build; jobs: Job[] }> {
  return ctx.inTransaction(async (tx) => {
    const build = await insertBuild(tx, input.build);
    const jobs = await insertJobs(tx, build.id, input.jobs);
    return { build, jobs };
  });
}
