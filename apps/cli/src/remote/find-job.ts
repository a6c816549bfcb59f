import type { BuildDetail, Job } from '@ritmo/client';
import { RitmoError } from '@ritmo/shared';

/** The build's job named by `query`: its id, its key in the plan (`test-node-20`) or its name. */
export function findJob(build: BuildDetail, query: string): Job {
  const byId = build.jobs.find((j) => j.id === query) ?? build.jobs.find((j) => j.key === query);
  if (byId !== undefined) return byId;
  const byName = build.jobs.filter((j) => j.name === query);
  if (byName.length === 1 && byName[0] !== undefined) return byName[0];
  const keys = build.jobs.map((j) => j.key).join(', ');
  throw new RitmoError('ERR_CLI_JOB_NOT_FOUND', byName.length > 1 ? `several jobs of build #${build.number} are named "${query}"` : `build #${build.number} has no job "${query}"`, {
    details: { build: build.id, jobs: build.jobs.map((j) => ({ id: j.id, key: j.key, name: j.name })) },
    suggestions: [`name a job by its key: ${keys}`],
  });
}
