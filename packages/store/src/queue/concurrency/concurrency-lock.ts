import type { Selectable } from 'kysely';
import type { ConcurrencyLocksTable } from '../../schema/concurrency-tables.js';

/** `build`: a pipeline-level group (its holder is a build); `job`: a job-level group (held by a job). */
export type ConcurrencyScope = 'build' | 'job';

/** Jobs held back by a concurrency group are `waiting` with this reason. */
export const CONCURRENCY_REASON = 'concurrency';

/** A group, scoped per project (as GitHub scopes them per repository). */
export interface ConcurrencyKey {
  projectId: string;
  scope: ConcurrencyScope;
  group: string;
}

/** Who asks for (or holds) a group: a build, or a job, and the build it belongs to. */
export interface ConcurrencyHolder {
  /** The build id (scope build) or the job id (scope job). */
  holderId: string;
  buildId: string;
}

export interface ConcurrencyLock extends ConcurrencyKey, ConcurrencyHolder {
  acquiredAt: number;
}

export function toConcurrencyLock(row: Selectable<ConcurrencyLocksTable>): ConcurrencyLock {
  return {
    projectId: row.project_id,
    scope: row.scope as ConcurrencyScope,
    group: row.name,
    holderId: row.holder_id,
    buildId: row.build_id,
    acquiredAt: Number(row.acquired_at),
  };
}
