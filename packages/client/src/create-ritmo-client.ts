import { createAccountApi } from './api/account-api.js';
import { createAgentsApi } from './api/agents-api.js';
import { createArtifactsApi } from './api/artifacts-api.js';
import { createBuildsApi } from './api/builds-api.js';
import { createDeploymentsApi } from './api/deployments-api.js';
import { createJobsApi } from './api/jobs-api.js';
import { seg } from './api/page-params.js';
import { createProjectsApi } from './api/projects-api.js';
import { createSecretsApi } from './api/secrets-api.js';
import { createTestsApi } from './api/tests-api.js';
import { createHttp, type Http, type HttpOptions } from './create-http.js';
import { openLiveStream, type LiveStream, type LiveStreamOptions } from './open-live-stream.js';

export interface BuildEventsParams {
  /** `all` (default), `none`, or the ids of the jobs whose logs to follow. */
  logs?: 'all' | 'none' | readonly string[];
  /** With exactly one job in `logs`: start its log at this byte offset. */
  offset?: number;
}

/**
 * A typed client of Ritmo's REST API and live events, for browsers and Node alike. Every call throws
 * RitmoApiError on failure. `http` reaches routes that have no typed method yet.
 */
export function createRitmoClient(options: HttpOptions = {}) {
  const http: Http = createHttp(options);
  return {
    http,
    account: createAccountApi(http),
    projects: createProjectsApi(http),
    builds: createBuildsApi(http),
    jobs: createJobsApi(http),
    agents: createAgentsApi(http),
    secrets: createSecretsApi(http),
    tests: createTestsApi(http),
    artifacts: createArtifactsApi(http),
    deployments: createDeploymentsApi(http),
    /** The server's OpenAPI document: which routes this server has. */
    openapi: (signal?: AbortSignal) => http.json<{ paths: Record<string, Record<string, unknown>> }>('GET', '/api/v1/openapi.json', signal ? { signal } : {}),
    /** The Prometheus metrics text (`/metrics`). */
    metricsText: async (signal?: AbortSignal) => (await http.send('GET', '/metrics', { headers: { accept: 'text/plain' }, ...(signal ? { signal } : {}) })).text(),
    live: {
      /** One build's status, step and log events; closes itself after build.finished. */
      build(buildId: string, params: BuildEventsParams, options: LiveStreamOptions): LiveStream {
        const logs = params.logs === undefined || typeof params.logs === 'string' ? params.logs : params.logs.join(',') || 'none';
        return openLiveStream(http, `/api/v1/builds/${seg(buildId)}/events`, { logs, offset: params.offset }, {
          closeWhen: (e) => e.type === 'build.finished',
          ...options,
        });
      },
      /** build.created and build.finished of every project the caller may read. */
      global: (options: LiveStreamOptions): LiveStream => openLiveStream(http, '/api/v1/events', {}, options),
    },
  };
}

export type RitmoClient = ReturnType<typeof createRitmoClient>;
