import type * as api from '@ritmo/protocol';
import type { Build, Store } from '@ritmo/store';
import { loadJobDtos } from '../dto/load-job-dtos.js';
import { toBuildDto } from '../dto/to-build-dto.js';

/** A build with its jobs and their steps, as GET /api/v1/builds/{id} returns it. */
export async function buildDetail(store: Store, build: Build): Promise<api.BuildDetail> {
  const jobs = await store.jobs.listBuildJobs(build.id);
  return { ...toBuildDto(build, build.plan.name), jobs: await loadJobDtos(store.db, jobs) };
}
