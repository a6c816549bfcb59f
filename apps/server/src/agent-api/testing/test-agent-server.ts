// Test-only harness for the agent API suites (excluded from the build).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import * as api from '@ritmo/protocol';
import { createManualClock } from '@ritmo/shared';
import type { Store } from '@ritmo/store';
import { useTestStore, type StoreKind } from '@ritmo/store/testing';
import { bootstrapAdmin } from '../../auth/bootstrap-admin.js';
import { loadConfig } from '../../config.js';
import { createServer, type RitmoServer } from '../../create-server.js';
import { createPostgresHub } from '../../events/create-postgres-hub.js';
import { ADMIN_TOKEN } from '../../testing/test-server.js';
import type { AgentApiConfig } from '../agent-api-config.js';

export interface Reply {
  status: number;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response fields directly
  json: any;
}

export interface AgentTestServer {
  readonly store: Store;
  /** The instances, all on one database (several only make sense on PostgreSQL). */
  readonly apps: RitmoServer[];
  readonly clock: ReturnType<typeof createManualClock>;
  /** app.inject on instance `on` (default 0); `token` null sends none; default the admin token. */
  call(method: string, url: string, options?: { token?: string | null; body?: unknown; on?: number }): Promise<Reply>;
  /** A registration token, then a registered agent with these labels. */
  register(labels: string[], options?: { capacity?: number; name?: string; ephemeral?: boolean }): Promise<api.RegisterAgentResponse>;
  /** A project with an inline pipeline and one build of it. */
  trigger(pipeline: string, on?: number): Promise<api.BuildDetail>;
  build(id: string): Promise<api.BuildDetail>;
}

/**
 * Servers on a fresh store of `kind` (not listening; inject only), on a manual clock that starts now.
 * On PostgreSQL each instance gets its own LISTEN/NOTIFY hub, as separate processes would.
 */
export function useAgentTestServer(kind: StoreKind, options: { instances?: number; agentApi?: Partial<AgentApiConfig> } = {}): AgentTestServer {
  const clock = createManualClock(Date.now());
  const db = useTestStore(kind, { clock });
  const logger = pino({ level: 'silent' });
  const apps: RitmoServer[] = [];
  let dataDir = '';
  let seq = 0;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ritmo-agent-api-'));
    await bootstrapAdmin({ store: db.store, logger, adminPassword: 'admin-password', adminToken: ADMIN_TOKEN });
    const config = loadConfig({ RITMO_DATA_DIR: dataDir, RITMO_LOG_LEVEL: 'silent' });
    for (let i = 0; i < (options.instances ?? 1); i++) {
      const url = db.database.options.databaseUrl;
      const hub = url === undefined ? undefined : await createPostgresHub({ databaseUrl: url, logger });
      const app = createServer({ config, store: db.store, logger, clock, agentApi: options.agentApi ?? {}, ...(hub ? { hub } : {}) });
      await app.ready();
      apps.push(app);
    }
  });
  afterAll(async () => {
    for (const app of apps.splice(0)) await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const server: AgentTestServer = {
    get store() {
      return db.store;
    },
    apps,
    clock,
    async call(method, url, opts = {}) {
      const token = opts.token === undefined ? ADMIN_TOKEN : opts.token;
      const res = await (apps[opts.on ?? 0] as RitmoServer).inject({
        method: method as 'POST',
        url,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(opts.body === undefined ? {} : { payload: JSON.stringify(opts.body) }),
      });
      const isJson = String(res.headers['content-type'] ?? '').includes('json');
      return { status: res.statusCode, json: isJson ? JSON.parse(res.body) : undefined, text: res.body };
    },
    async register(labels, opts = {}) {
      const reg = await server.call('POST', '/api/v1/agent-tokens', { body: { name: `pool-${++seq}` } });
      const res = await server.call('POST', api.agentPaths.register, {
        token: reg.json.token,
        body: { name: opts.name ?? `agent-${seq}`, labels, capacity: opts.capacity ?? 1, version: '0.1.0', executor: 'dummy', ephemeral: opts.ephemeral ?? false },
      });
      if (res.status !== 201) throw new Error(`register failed: ${JSON.stringify(res.json)}`);
      return api.RegisterAgentResponse.parse(res.json);
    },
    async trigger(pipeline, on = 0) {
      const name = `p${++seq}-${kind}`;
      await server.call('POST', '/api/v1/projects', { body: { name, pipeline }, on });
      const res = await server.call('POST', `/api/v1/projects/${name}/builds`, { body: {}, on });
      if (res.status !== 201) throw new Error(`trigger failed: ${JSON.stringify(res.json)}`);
      return api.BuildDetail.parse(res.json);
    },
    async build(id) {
      return api.BuildDetail.parse((await server.call('GET', `/api/v1/builds/${id}`)).json);
    },
  };
  return server;
}

/** A claim request body with a fresh request id. */
export function claimBody(waitMs = 0, requestId = `req_${Math.random().toString(36).slice(2, 14)}`): api.ClaimRequest {
  return { requestId, slots: 1, waitMs };
}

/** The lease fields of a payload, for job-scoped writes. */
export function leaseOf(p: api.JobPayload): { attempt: number; leaseToken: string } {
  return { attempt: p.attempt, leaseToken: p.leaseToken };
}
