import type { FastifyInstance } from 'fastify';
import type { Clock, Logger } from '@ritmo/shared';
import type { Store } from '@ritmo/store';
import type { ServerConfig } from '../config.js';
import type { HookDeps } from '../hooks/hook-deps.js';
import { createHookProviders } from '../hooks/providers/hook-providers.js';
import { createRawBodyParser } from '../hooks/raw-body.js';
import { registerRoutes, type Authenticate } from '../http/register-routes.js';
import type { RouteSpec } from '../http/route-spec.js';
import type { Orchestrator } from '../orchestration/create-orchestrator.js';
import type { RepoMirror } from '../pipelines/create-repo-mirror.js';
import { deliveryRoutes } from '../routes/delivery-routes.js';
import { hookRoutes } from '../routes/hook-routes.js';
import { scheduleRoutes } from '../routes/schedule-routes.js';
import { triggerTokenRoutes } from '../routes/trigger-token-routes.js';
import { upstreamRoutes } from '../routes/upstream-routes.js';
import { createScheduler, type SchedulerDeps } from '../scheduler/create-scheduler.js';
import { createScm } from '../scm/create-scm.js';
import type { ProjectSecretReader } from '../scm/project-secret-reader.js';
import type { StatusProvider } from '../statuses/commit-status.js';
import type { OutboundFetch } from '../outbound/create-outbound-fetch.js';
import { createStatusReporter } from '../statuses/create-status-reporter.js';
import type { BuildEvent } from './build-event-tap.js';
import { createReactionQueue } from './create-reaction-queue.js';
import { startUpstreamBuilds } from './start-upstream-builds.js';

export interface TriggerLayerDeps {
  config: Pick<ServerConfig, 'publicUrl' | 'limits'>;
  store: Store;
  clock: Clock;
  logger: Logger;
  orchestrator: Orchestrator;
  mirror: RepoMirror;
  readSecret: ProjectSecretReader;
  /** Aborted on shutdown: the scheduler stops, git calls end. */
  shutdown: AbortSignal;
  scheduler?: Partial<Pick<SchedulerDeps, 'instanceId' | 'leaseMs' | 'pollMs' | 'refreshMs'>> & { enabled?: boolean };
  /** Commit status providers (default: GitHub, GitLab, Gitea). */
  statusProviders?: readonly StatusProvider[];
  /** How the built-in status providers call forges. */
  outbound?: OutboundFetch;
}

/**
 * Source control and triggers, wired: webhooks (their own raw-body routes), deliveries, trigger
 * tokens, upstream triggers, cron schedules, and the reactions to build events (commit statuses,
 * downstream builds).
 */
export function createTriggerLayer(deps: TriggerLayerDeps) {
  const { store, clock, logger, orchestrator, mirror, shutdown } = deps;
  const reactions = createReactionQueue(logger);
  const scm = createScm({ mirror });
  const scheduler = createScheduler({ store, clock, logger, orchestrator, mirror, signal: shutdown, ...deps.scheduler });
  const hooks: HookDeps = {
    store,
    clock,
    logger,
    orchestrator,
    mirror,
    scm,
    readSecret: deps.readSecret,
    providers: createHookProviders(),
    onDefaultBranchPush: (project) => reactions.add(project.id, 'syncing schedules', () => scheduler.syncProject(project)),
    signal: shutdown,
  };
  const statuses = createStatusReporter({ store, logger, readSecret: deps.readSecret, publicUrl: deps.config.publicUrl, signal: shutdown, ...(deps.statusProviders ? { providers: deps.statusProviders } : {}), ...(deps.outbound ? { outbound: deps.outbound } : {}) });
  const routeDeps = { store, logger, clock, orchestrator, shutdown, hooks, scheduler };
  const webhookRoutes = hookRoutes(routeDeps);

  return {
    hooks,
    scheduler,
    statuses,
    /** JSON routes, registered with the others. */
    routes: [...deliveryRoutes(routeDeps), ...triggerTokenRoutes(routeDeps), ...upstreamRoutes(routeDeps), ...scheduleRoutes(routeDeps)] as RouteSpec[],
    /** The webhook route: registered by registerHookRoutes, listed in the OpenAPI document. */
    hookRoutes: webhookRoutes,
    /** Registers the webhook route in its own scope, where every body stays raw bytes. */
    registerHookRoutes(app: FastifyInstance, options: { authenticate: Authenticate; clock: Clock }): void {
      app.register(async (scope) => {
        scope.removeAllContentTypeParsers();
        scope.addContentTypeParser('*', createRawBodyParser(deps.config.limits.webhookBodyBytes));
        registerRoutes(scope, webhookRoutes, options);
      });
    },
    /** Build events this instance published: report commit statuses, start downstream builds. */
    onBuildEvent(event: BuildEvent): void {
      const buildId = event.build.id;
      reactions.add(buildId, 'reporting a commit status', () => statuses.report(buildId));
      if (event.type === 'build.finished') reactions.add(buildId, 'starting upstream-triggered builds', () => startUpstreamBuilds({ store, orchestrator, logger, signal: shutdown }, buildId));
    },
    start(): void {
      if (deps.scheduler?.enabled !== false) scheduler.start();
    },
    /** Waits for the scheduler loop (after `shutdown` aborted) and for queued reactions. */
    async stop(): Promise<void> {
      await scheduler.stop();
      await reactions.idle();
    },
    /** Resolves when no reaction is queued (tests). */
    idle: () => reactions.idle(),
  };
}

export type TriggerLayer = ReturnType<typeof createTriggerLayer>;
