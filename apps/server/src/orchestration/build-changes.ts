import type { Build, Job, Step } from '@ritmo/store';

/** What one transaction changed in a build, to publish once it committed. */
export interface BuildChanges {
  build: Build;
  /** The build's status changed. */
  statusChanged: boolean;
  /** The build reached a final status in this transaction. */
  finished: boolean;
  /** Jobs whose status changed, in their final state of the transaction. */
  jobs: Job[];
  steps: Step[];
  /** Other builds the same transaction changed (concurrency groups: one canceled, or its waiter released). */
  related?: BuildChanges[];
}

/** Merges the changes of a later step into earlier ones (later job states win). */
export function mergeChanges(first: BuildChanges, later: BuildChanges): BuildChanges {
  const jobs = new Map(first.jobs.map((j) => [j.id, j]));
  for (const j of later.jobs) jobs.set(j.id, j);
  const related = [...(first.related ?? []), ...(later.related ?? [])];
  return {
    build: later.build,
    statusChanged: first.statusChanged || later.statusChanged,
    finished: first.finished || later.finished,
    jobs: [...jobs.values()],
    steps: [...first.steps, ...later.steps],
    ...(related.length > 0 ? { related } : {}),
  };
}
