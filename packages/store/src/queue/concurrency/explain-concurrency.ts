import type { Job } from '../../repositories/jobs/job-record.js';
import type { RepoContext } from '../../repositories/repo-context.js';
import { CONCURRENCY_REASON, type ConcurrencyScope } from './concurrency-lock.js';
import { findConcurrencyLock } from './find-concurrency-lock.js';

/** The group a waiting job waits for, and who holds it. */
export interface ConcurrencyWait {
  scope: ConcurrencyScope;
  group: string;
  /** The build (scope build) or job (scope job) holding the group; null when it was just freed. */
  holder: { id: string; buildId: string; buildNumber: number; name: string } | null;
}

/** Undefined unless the job is `waiting` for a concurrency group (its own, or its build's). */
export async function explainConcurrency(ctx: RepoContext, job: Job): Promise<ConcurrencyWait | undefined> {
  if (job.status !== 'waiting' || job.reason !== CONCURRENCY_REASON) return undefined;
  const build = await ctx.db.selectFrom('builds').select(['project_id', 'concurrency_group']).where('id', '=', job.buildId).executeTakeFirst();
  const scope: ConcurrencyScope = job.concurrencyGroup !== null ? 'job' : 'build';
  const group = job.concurrencyGroup ?? build?.concurrency_group ?? null;
  if (build === undefined || group === null) return undefined;
  const lock = await findConcurrencyLock(ctx, { projectId: build.project_id, scope, group });
  if (lock === undefined) return { scope, group, holder: null };
  const holderBuild = await ctx.db.selectFrom('builds').select('number').where('id', '=', lock.buildId).executeTakeFirst();
  const number = holderBuild?.number ?? 0;
  if (scope === 'build') return { scope, group, holder: { id: lock.holderId, buildId: lock.buildId, buildNumber: number, name: `#${number}` } };
  const holderJob = await ctx.db.selectFrom('jobs').select('name').where('id', '=', lock.holderId).executeTakeFirst();
  return { scope, group, holder: { id: lock.holderId, buildId: lock.buildId, buildNumber: number, name: holderJob?.name ?? lock.holderId } };
}
