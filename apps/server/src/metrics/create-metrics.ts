import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { toError, type Logger } from '@ritmo/shared';
import type { PoolStats } from '@ritmo/store';

/** Numbers read from the database at scrape time. */
export interface MetricsSnapshot {
  buildsByStatus: Record<string, number>;
  /** Queued jobs per label set (labels sorted, comma-joined; `` for none). */
  queueDepth: Record<string, number>;
  agentsByStatus: Record<string, number>;
  /** Database connections (PostgreSQL pool, or SQLite's single connection). */
  pool: PoolStats;
}

/**
 * The server's Prometheus metrics, on a registry of its own (never prom-client's global one), so two
 * servers in one process do not share counters.
 */
export function createMetrics(deps: { snapshot: () => Promise<MetricsSnapshot>; logger: Logger }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ritmo_process_' });
  // These gauges are named like counters (promtool rejects that); each is the sum of the per-type gauge
  // of the same name without `_total`, which stays.
  for (const what of ['handles', 'requests', 'resources']) registry.removeSingleMetric(`ritmo_process_nodejs_active_${what}_total`);

  const httpDuration = new Histogram({
    name: 'ritmo_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const jobWait = new Histogram({
    name: 'ritmo_job_wait_seconds',
    help: 'Time from a job being queued to an agent starting it.',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
    registers: [registry],
  });
  const jobDuration = new Histogram({
    name: 'ritmo_job_duration_seconds',
    help: 'Time from a job starting to its final status, by status.',
    labelNames: ['status'] as const,
    buckets: [1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200],
    registers: [registry],
  });
  const buildsTriggered = new Counter({
    name: 'ritmo_builds_triggered_total',
    help: 'Builds created by this server instance, by event.',
    labelNames: ['event'] as const,
    registers: [registry],
  });

  const builds = new Gauge({ name: 'ritmo_builds', help: 'Builds by status.', labelNames: ['status'] as const, registers: [registry] });
  const queue = new Gauge({ name: 'ritmo_queue_depth', help: 'Queued jobs by required agent label set.', labelNames: ['labels'] as const, registers: [registry] });
  const agents = new Gauge({ name: 'ritmo_agents', help: 'Registered agents by status.', labelNames: ['status'] as const, registers: [registry] });
  const poolConnections = new Gauge({
    name: 'ritmo_db_pool_connections',
    help: 'Database connections by state: busy (running a query or transaction) or idle. SQLite has one.',
    labelNames: ['state'] as const,
    registers: [registry],
  });
  const poolWaiting = new Gauge({ name: 'ritmo_db_pool_waiting_queries', help: 'Queries waiting for a free database connection.', registers: [registry] });
  const scrapeErrors = new Counter({ name: 'ritmo_metrics_scrape_errors_total', help: 'Scrapes whose database read failed.', registers: [registry] });

  const refresh = async (): Promise<void> => {
    try {
      const s = await deps.snapshot();
      builds.reset();
      for (const [status, n] of Object.entries(s.buildsByStatus)) builds.set({ status }, n);
      queue.reset();
      for (const [labels, n] of Object.entries(s.queueDepth)) queue.set({ labels }, n);
      agents.reset();
      for (const [status, n] of Object.entries(s.agentsByStatus)) agents.set({ status }, n);
      poolConnections.set({ state: 'busy' }, s.pool.total - s.pool.idle);
      poolConnections.set({ state: 'idle' }, s.pool.idle);
      poolWaiting.set(s.pool.waiting);
    } catch (e: unknown) {
      scrapeErrors.inc();
      deps.logger.warn({ err: toError(e) }, 'metrics snapshot failed');
    }
  };

  return {
    registry,
    httpDuration,
    jobWait,
    jobDuration,
    buildsTriggered,
    /** The exposition text, with the database gauges read fresh. */
    async render(): Promise<{ contentType: string; body: string }> {
      await refresh();
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
