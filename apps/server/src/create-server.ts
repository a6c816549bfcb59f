import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import type { Logger as PinoLogger } from 'pino';
import { newId, RitmoError, type Clock } from '@ritmo/shared';
import type { Store } from '@ritmo/store';
import type { AgentApiConfig } from './agent-api/agent-api-config.js';
import { createAgentApi, type AgentApi } from './agent-api/create-agent-api.js';
import { withQueueSignals } from './agent-api/with-queue-signals.js';
import { allRoutes } from './all-routes.js';
import { artifactTransferRoutes } from './agent-api/artifact-transfer-routes.js';
import { cacheTransferRoutes } from './agent-api/cache-transfer-routes.js';
import { acceptArchiveBodies, createDelivery, type Delivery } from './artifacts/create-delivery.js';
import { createAuthenticator } from './auth/create-authenticator.js';
import type { ServerConfig } from './config.js';
import { createOutboundFetch } from './outbound/create-outbound-fetch.js';
import { createInProcessHub } from './events/create-in-process-hub.js';
import { createPublisher } from './events/create-publisher.js';
import type { EventHub } from './events/event-hub.js';
import { buildOpenApi } from './http/build-openapi.js';
import { installErrorHandling } from './http/install-error-handling.js';
import { registerRoutes } from './http/register-routes.js';
import { defineRoute, type RouteSpec } from './http/route-spec.js';
import { createMetrics } from './metrics/create-metrics.js';
import { readMetricsSnapshot } from './metrics/read-metrics-snapshot.js';
import { reportTransferRoutes } from './reports/report-transfer-routes.js';
import { cdRoutes } from './routes/cd-routes.js';
import { badgeRoutes } from './badges/badge-routes.js';
import { loadPlugins } from './plugins/load-plugins.js';
import { pluginRoutes } from './plugins/plugin-routes.js';
import { createDeployerTap } from './plugins/deploy/create-deployer-tap.js';
import { runEnvironmentDeployer } from './plugins/deploy/run-environment-deployer.js';
import type { PluginRegistry } from './plugins/create-plugin-registry.js';
import { createOrchestrator, type Orchestrator } from './orchestration/create-orchestrator.js';
import { createRepoMirror } from './pipelines/create-repo-mirror.js';
import { createSecretCryptoLoader } from './secrets/create-secret-crypto-loader.js';
import type { SecretCrypto } from './secrets/create-secret-crypto.js';
import { resolveJobSecrets } from './secrets/resolve-job-secrets.js';
import { readProjectSecret } from './secrets/read-project-secret.js';
import { createGitAuth } from './scm/create-git-auth.js';
import { createBuildEventTap } from './triggers/build-event-tap.js';
import { createTriggerLayer, type TriggerLayer, type TriggerLayerDeps } from './triggers/create-trigger-layer.js';
import { SERVER_VERSION } from './version.js';
import { serveWeb } from './web/serve-web.js';

export interface ServerDeps {
  config: ServerConfig;
  store: Store;
  logger: PinoLogger;
  clock: Clock;
  /** Defaults to the in-process hub (one instance); pass the PostgreSQL hub to fan out across instances. */
  hub?: EventHub;
  /** Lease, heartbeat and long-poll timing of the agent API (defaults: 60 s lease, 15 s heartbeat, 30 s poll). */
  agentApi?: Partial<AgentApiConfig>;
  /** Scheduler timing and instance name, commit status providers (defaults suit production). */
  triggers?: Pick<TriggerLayerDeps, 'scheduler' | 'statusProviders'>;
}

/** What tests and the agent API reach besides HTTP. */
export interface ServerServices {
  orchestrator: Orchestrator;
  hub: EventHub;
  routes: readonly RouteSpec[];
  agentApi: AgentApi;
  /** Encrypts and decrypts project secrets (the key is loaded when the server gets ready). */
  secretCrypto: () => Promise<SecretCrypto>;
  /** Webhooks, schedules, upstream triggers and commit statuses. */
  triggers: TriggerLayer;
  /** Artifacts, caches and deployments: the blob store and the retention sweeper. */
  delivery: Delivery;
  /** Installed plugins, and a wait for environment deployers still running (tests). */
  plugins: { registry: () => Promise<PluginRegistry>; idle: () => Promise<void> };
}

export type RitmoServer = FastifyInstance & { ritmo: ServerServices };

/**
 * Builds the HTTP server from its dependencies (nothing global): plugins, error envelope, every route,
 * the OpenAPI document of those routes, metrics. The caller awaits `ready()` or `listen()`, and `close()`.
 */
export function createServer(deps: ServerDeps): RitmoServer {
  const { config, store, clock } = deps;
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: config.limits.bodyBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    genReqId: () => newId('r_', clock.now()),
    // Path parameters up to 256 characters reach validation (longer secret names get ERR_SECRET_NAME_INVALID, not 414).
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 256 },
  });
  const shutdown = new AbortController();
  // npm plugins load while the server gets ready; a package that fails to load fails `ready()`.
  // Deploy webhooks and forge APIs are user-configured URLs: no private addresses unless allowed.
  const outbound = createOutboundFetch({ allow: config.outboundAllow ?? [] });
  const pluginsLoading = loadPlugins(config.plugins ?? [], deps.logger, outbound);
  pluginsLoading.catch(() => undefined);
  const plugins = () => pluginsLoading;
  // A deploy job that starts runs the deployer plugin its environment names.
  const deployerTap = createDeployerTap({
    logger: deps.logger,
    onRunning: (jobId) => runEnvironmentDeployer({ store, logger: deps.logger, plugins, readSecret, publicUrl: config.publicUrl, signal: shutdown.signal }, jobId),
  });
  // The tap sees the build events this instance publishes: commit statuses and upstream builds react to them.
  const buildEvents = createBuildEventTap();
  const hub = deployerTap.wrap(buildEvents.wrap(withQueueSignals(deps.hub ?? createInProcessHub({ logger: deps.logger }))));
  const metrics = createMetrics({ snapshot: () => readMetricsSnapshot(store), logger: deps.logger });
  const secretCrypto = createSecretCryptoLoader({ secretKey: config.secretKey, dataDir: config.dataDir });
  const readSecret = async (projectId: string, name: string) => readProjectSecret({ store, crypto: await secretCrypto() }, projectId, name);
  const mirror = createRepoMirror({ dataDir: config.dataDir, auth: createGitAuth({ dataDir: config.dataDir, readSecret }) });
  const publisher = createPublisher({ hub, clock, logger: deps.logger });
  const orchestrator = createOrchestrator({ store, publisher, clock, logger: deps.logger, metrics, mirror });
  const triggers = createTriggerLayer({ config, store, clock, logger: deps.logger, orchestrator, mirror, readSecret, shutdown: shutdown.signal, outbound, ...deps.triggers });
  buildEvents.listen((event) => triggers.onBuildEvent(event));
  const delivery = createDelivery({ config, store, clock, logger: deps.logger, orchestrator, shutdown: shutdown.signal });
  const agentApi = createAgentApi({
    store,
    clock,
    logger: deps.logger,
    hub,
    orchestrator,
    metrics,
    config: deps.agentApi ?? {},
    dataDir: config.dataDir,
    secretKey: config.secretKey,
    publicUrl: config.publicUrl,
    shutdown: shutdown.signal,
    resolveSecrets: async ({ build, job }) => resolveJobSecrets({ store, crypto: await secretCrypto(), build, job }),
    extraRoutes: (agentDeps) => [...artifactTransferRoutes({ ...agentDeps, artifacts: delivery.artifacts }), ...cacheTransferRoutes({ ...agentDeps, artifacts: delivery.artifacts }), ...reportTransferRoutes(agentDeps)],
  });
  const routeDeps = { config, store, clock, logger: deps.logger, hub, orchestrator, mirror, metrics, secretCrypto, shutdown: shutdown.signal };

  let openapi: unknown;
  const routes: RouteSpec[] = [...allRoutes(routeDeps), ...cdRoutes({ ...routeDeps, artifacts: delivery.artifacts }), ...pluginRoutes({ plugins }), ...badgeRoutes({ store }), ...triggers.routes, ...agentApi.routes];
  routes.push(
    defineRoute({
      method: 'GET',
      path: '/api/v1/openapi.json',
      summary: 'This OpenAPI 3.1 document',
      tag: 'operations',
      response: { status: 200, contentType: 'application/json' },
      guard: 'public',
      handler: () => (openapi ??= buildOpenApi(documented, { version: SERVER_VERSION, serverUrl: config.publicUrl })),
    }),
  );

  // The webhook route is registered apart (its bodies stay raw bytes) but documented with the rest.
  const documented: RouteSpec[] = [...routes, ...triggers.hookRoutes];

  installErrorHandling(app, clock);
  acceptArchiveBodies(app);
  app.register(cookie);
  app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  app.register(rateLimit, {
    global: config.limits.requestsPerMinute > 0,
    max: config.limits.requestsPerMinute || 1_000_000,
    timeWindow: 60_000,
    errorResponseBuilder: (_req, ctx) => new RitmoError('ERR_API_RATE_LIMITED', `too many requests; retry in ${ctx.after}`),
  });
  const authenticate = createAuthenticator({ store, clock, logger: deps.logger });
  app.register(async (scope) => registerRoutes(scope, routes, { authenticate, clock }));
  triggers.registerHookRoutes(app, { authenticate, clock });
  app.register(serveWeb, { webDir: config.webDir });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.addHook('onReady', async () => {
    await secretCrypto();
    await pluginsLoading;
    agentApi.start();
    triggers.start();
    delivery.start();
  });
  app.addHook('preClose', async () => {
    shutdown.abort();
    await agentApi.stop();
    await triggers.stop();
    await delivery.stop();
    await deployerTap.idle();
  });
  app.addHook('onClose', async () => {
    await hub.close();
  });

  return Object.assign(app, { ritmo: { orchestrator, hub, routes: documented, agentApi, secretCrypto, triggers, delivery, plugins: { registry: plugins, idle: () => deployerTap.idle() } } }) as unknown as RitmoServer;
}
