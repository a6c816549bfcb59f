import type { Store } from '@ritmo/store';
import type { MetricsSnapshot } from './create-metrics.js';

function labelSet(runsOn: string): string {
  try {
    const labels: unknown = JSON.parse(runsOn);
    return Array.isArray(labels) ? labels.map(String).join(',') : '';
  } catch {
    return '';
  }
}

/** The database side of /metrics: three grouped counts, and the connections as they were before those queries. */
export async function readMetricsSnapshot(store: Store): Promise<MetricsSnapshot> {
  const db = store.db;
  const pool = store.poolStats();
  const [builds, queued, agents] = await Promise.all([
    db.selectFrom('builds').select((eb) => ['status', eb.fn.countAll<number | string>().as('n')]).groupBy('status').execute(),
    db.selectFrom('jobs').select((eb) => ['runs_on', eb.fn.countAll<number | string>().as('n')]).where('status', '=', 'queued').groupBy('runs_on').execute(),
    db.selectFrom('agents').select((eb) => ['status', eb.fn.countAll<number | string>().as('n')]).groupBy('status').execute(),
  ]);
  const queueDepth: Record<string, number> = {};
  for (const r of queued) {
    const key = labelSet(r.runs_on);
    queueDepth[key] = (queueDepth[key] ?? 0) + Number(r.n);
  }
  return {
    buildsByStatus: Object.fromEntries(builds.map((r) => [r.status, Number(r.n)])),
    queueDepth,
    agentsByStatus: Object.fromEntries(agents.map((r) => [r.status, Number(r.n)])),
    pool,
  };
}
