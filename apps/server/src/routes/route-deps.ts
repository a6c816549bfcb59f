import type { Clock, Logger } from '@ritmo/shared';
import type { Store } from '@ritmo/store';
import type { ServerConfig } from '../config.js';
import type { EventHub } from '../events/event-hub.js';
import type { Metrics } from '../metrics/create-metrics.js';
import type { Orchestrator } from '../orchestration/create-orchestrator.js';
import type { RepoMirror } from '../pipelines/create-repo-mirror.js';

/** What route handlers work with. */
export interface RouteDeps {
  config: ServerConfig;
  store: Store;
  clock: Clock;
  logger: Logger;
  hub: EventHub;
  orchestrator: Orchestrator;
  mirror: RepoMirror;
  metrics: Metrics;
  /** Aborted when the server shuts down: live streams end. */
  shutdown: AbortSignal;
}
