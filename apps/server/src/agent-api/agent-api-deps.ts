import type { PlanJob } from '@ritmo/pipeline';
import type { Clock, Logger } from '@ritmo/shared';
import type { Build, Project, Store } from '@ritmo/store';
import type { EventHub } from '../events/event-hub.js';
import type { Publisher } from '../events/create-publisher.js';
import type { Metrics } from '../metrics/create-metrics.js';
import type { Orchestrator } from '../orchestration/create-orchestrator.js';
import type { AgentApiConfig } from './agent-api-config.js';
import type { Dispatcher } from './create-dispatcher.js';
import type { JobTokens } from './job-tokens.js';

/** Values of the secrets a job of a trusted build references (name -> value). */
export type ResolveSecrets = (input: { project: Project; build: Build; job: PlanJob }) => Promise<Record<string, string>>;

/** The resources every part of the agent API receives. */
export interface AgentApiDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  hub: EventHub;
  orchestrator: Orchestrator;
  publisher: Publisher;
  metrics: Metrics;
  config: AgentApiConfig;
  dispatcher: Dispatcher;
  jobTokens: () => Promise<JobTokens>;
  resolveSecrets: ResolveSecrets;
  /** The server's public URL, handed to jobs as RITMO_SERVER_URL. */
  publicUrl: string;
  /** Aborted when the server shuts down: held requests answer at once. */
  shutdown: AbortSignal;
}
