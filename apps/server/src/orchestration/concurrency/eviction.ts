import type { ConcurrencyScope } from '@ritmo/store';

/** A build or job a newcomer pushes out of its concurrency group: it is canceled. */
export interface Eviction {
  scope: ConcurrencyScope;
  /** The build id (scope build) or job id (scope job). */
  id: string;
  buildId: string;
  reason: string;
}

/** Who cancels builds pushed out of a concurrency group, as `canceledBy` shows it. */
export const CONCURRENCY_ACTOR = 'concurrency';
