import type { Clock, Logger } from '@ritmo/shared';
import type { Store } from '@ritmo/store';
import type { ServerConfig } from '../config.js';
import type { EventHub } from '../events/event-hub.js';
import type { Metrics } from '../metrics/create-metrics.js';
import type { Orchestrator } from '../orchestration/create-orchestrator.js';
import type { RepoMirror } from '../pipelines/create-repo-mirror.js';
import type { SecretCrypto } from '../secrets/create-secret-crypto.js';

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
  /** Encrypts and decrypts project secrets; the key is loaded once (the server's `ready()` fails on a bad key). */
  secretCrypto: () => Promise<SecretCrypto>;
  /** Aborted when the server shuts down: live streams end. */
  shutdown: AbortSignal;
}
