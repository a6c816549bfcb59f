import type { Clock, Logger } from '@ritmo/shared';
import type { ExpiredLease, Store } from '@ritmo/store';
import { createPublisher } from '../events/create-publisher.js';
import type { EventHub } from '../events/event-hub.js';
import type { RouteSpec } from '../http/route-spec.js';
import type { Metrics } from '../metrics/create-metrics.js';
import type { Orchestrator } from '../orchestration/create-orchestrator.js';
import { resolveAgentApiConfig, type AgentApiConfig } from './agent-api-config.js';
import type { AgentApiDeps, ResolveSecrets } from './agent-api-deps.js';
import { claimRoute } from './claim-route.js';
import { createDispatcher } from './create-dispatcher.js';
import { heartbeatRoute } from './heartbeat-route.js';
import { jobEndRoutes } from './job-end-routes.js';
import { createJobTokens, loadJobTokenKey, type JobTokens } from './job-tokens.js';
import { jobWriteRoutes } from './job-write-routes.js';
import { registerAgentRoutes } from './register-agent-routes.js';
import { runLeaseSweeper } from './run-lease-sweeper.js';
import { sweepLeases } from './sweep-leases.js';
import { watchRoute } from './watch-route.js';

export interface CreateAgentApiDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** The hub wrapped by withQueueSignals, so queued jobs wake idle claims. */
  hub: EventHub;
  orchestrator: Orchestrator;
  metrics: Metrics;
  config?: Partial<AgentApiConfig>;
  dataDir: string;
  secretKey: string | undefined;
  publicUrl: string;
  shutdown: AbortSignal;
  /** Secrets for jobs of trusted builds; none by default. */
  resolveSecrets?: ResolveSecrets;
  /** More job-scoped routes built on the agent API's deps (artifact and cache transfers). */
  extraRoutes?: (deps: AgentApiDeps) => RouteSpec[];
}

export interface AgentApi {
  routes: RouteSpec[];
  config: AgentApiConfig;
  /** One recovery pass now (the sweeper loop runs it every `sweepIntervalMs`). */
  sweep(): Promise<ExpiredLease[]>;
  /** Starts the sweeper loop; it stops when `stop` is called or the server shuts down. */
  start(): void;
  stop(): Promise<void>;
}

/** The agent API under /api/v1/agent: its routes, the dispatcher that wakes idle claims, and the lease sweeper. */
export function createAgentApi(input: CreateAgentApiDeps): AgentApi {
  const config = resolveAgentApiConfig(input.config);
  let tokens: Promise<JobTokens> | undefined;
  const deps: AgentApiDeps = {
    store: input.store,
    clock: input.clock,
    logger: input.logger,
    hub: input.hub,
    orchestrator: input.orchestrator,
    publisher: createPublisher({ hub: input.hub, clock: input.clock, logger: input.logger }),
    metrics: input.metrics,
    config,
    dispatcher: createDispatcher({ hub: input.hub, logger: input.logger }),
    jobTokens: () => (tokens ??= loadJobTokenKey({ secretKey: input.secretKey, dataDir: input.dataDir }).then(createJobTokens)),
    resolveSecrets: input.resolveSecrets ?? (() => Promise.resolve({})),
    publicUrl: input.publicUrl,
    shutdown: input.shutdown,
  };
  const stopper = new AbortController();
  let loop: Promise<void> | undefined;
  return {
    routes: [...registerAgentRoutes(deps), claimRoute(deps), heartbeatRoute(deps), jobWriteRoutes(deps), jobEndRoutes(deps), watchRoute(deps), input.extraRoutes?.(deps) ?? []].flat(),
    config,
    sweep: () => sweepLeases(deps),
    start() {
      loop ??= runLeaseSweeper({
        sweep: () => sweepLeases(deps),
        intervalMs: config.sweepIntervalMs,
        signal: AbortSignal.any([stopper.signal, input.shutdown]),
        logger: input.logger,
      });
    },
    async stop() {
      stopper.abort();
      deps.dispatcher.close();
      await loop;
    },
  };
}
