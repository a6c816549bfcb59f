import type { PlanJob } from '@ritmo/pipeline';

/**
 * The jobs ordered so that every job comes after all it needs; among jobs that are ready at the same
 * time, plan order is kept (Kahn's algorithm, stable). Needs outside the list are ignored.
 */
export function topologicalOrder(jobs: readonly PlanJob[]): PlanJob[] {
  const ids = new Set(jobs.map((j) => j.id));
  const placed = new Set<string>();
  const order: PlanJob[] = [];
  let remaining = [...jobs];
  while (remaining.length > 0) {
    const ready = remaining.filter((j) => j.needs.every((id) => placed.has(id) || !ids.has(id)));
    // The compiler rejects cycles; should one get here, keep the rest in plan order rather than loop.
    const batch = ready.length > 0 ? ready : remaining;
    for (const job of batch) {
      placed.add(job.id);
      order.push(job);
    }
    remaining = remaining.filter((j) => !placed.has(j.id));
  }
  return order;
}
