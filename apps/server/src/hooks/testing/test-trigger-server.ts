// Test-only harness for the trigger suites (excluded from the build).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { createManualClock, createSystemClock, type Clock } from '@ritmo/shared';
import type { Store } from '@ritmo/store';
import { useTestStore, type StoreKind } from '@ritmo/store/testing';
import { bootstrapAdmin } from '../../auth/bootstrap-admin.js';
import { generateToken, hashToken, tokenPrefix } from '../../auth/tokens.js';
import { loadConfig } from '../../config.js';
import { createServer, type RitmoServer, type ServerDeps } from '../../create-server.js';
import { createPostgresHub } from '../../events/create-postgres-hub.js';
import { ADMIN_TOKEN } from '../../testing/test-server.js';

export interface Reply {
  status: number;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response fields directly
  json: any;
}

export interface CallOptions {
  /** Default: the admin token; null sends none. */
  token?: string | null;
  body?: unknown;
  /** Sent as is (webhook bodies are signed byte for byte). */
  payload?: string | Buffer;
  headers?: Record<string, string>;
  /** Which instance answers (default 0). */
  on?: number;
}

export interface TriggerTestServer {
  readonly apps: RitmoServer[];
  readonly app: RitmoServer;
  readonly store: Store;
  readonly clock: Clock;
  readonly dataDir: string;
  call(method: string, url: string, options?: CallOptions): Promise<Reply>;
  /** Creates a project (inline pipeline or repository) and returns its name. */
  project(fields: { pipeline?: string; repoUrl?: string; defaultBranch?: string }, prefix?: string): Promise<string>;
  secret(project: string, name: string, value: string): Promise<void>;
  /** A user with this role in the project (by name); returns their API token. */
  user(username: string, project: string, role: 'admin' | 'maintainer' | 'developer' | 'viewer'): Promise<string>;
}

export interface TriggerTestOptions {
  /** Several instances on one database (PostgreSQL), each with its own hub. */
  instances?: number;
  /** A manual clock starting at this instant; the system clock when absent. */
  clockAt?: number;
  env?: Record<string, string>;
  triggers?: ServerDeps['triggers'];
}

/** Servers (inject only) on a fresh migrated store of `kind`, with the admin token ADMIN_TOKEN. */
export function useTriggerTestServer(kind: StoreKind, options: TriggerTestOptions = {}): TriggerTestServer {
  const clock = options.clockAt === undefined ? createSystemClock() : createManualClock(options.clockAt);
  const db = useTestStore(kind, { clock });
  const logger = pino({ level: 'silent' });
  const apps: RitmoServer[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'ritmo-triggers-'));
  let seq = 0;
  beforeAll(async () => {
    await bootstrapAdmin({ store: db.store, logger, adminPassword: 'admin-password', adminToken: ADMIN_TOKEN });
    for (let i = 0; i < (options.instances ?? 1); i++) {
      const config = loadConfig({ RITMO_DATA_DIR: join(dataDir, `server-${i}`), RITMO_LOG_LEVEL: 'silent', RITMO_SECRET_KEY: 'ab'.repeat(32), ...options.env });
      const url = db.database.options.databaseUrl;
      const hub = url === undefined ? undefined : await createPostgresHub({ databaseUrl: url, logger });
      const triggers = { ...options.triggers, scheduler: { enabled: false, instanceId: `instance-${i}`, ...options.triggers?.scheduler } };
      const app = createServer({ config, store: db.store, logger, clock, triggers, ...(hub ? { hub } : {}) });
      await app.ready();
      apps.push(app);
    }
  });
  afterAll(async () => {
    for (const app of apps.splice(0)) await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const server: TriggerTestServer = {
    apps,
    get app() {
      return apps[0] as RitmoServer;
    },
    get store() {
      return db.store;
    },
    clock,
    dataDir,
    async call(method, url, opts = {}) {
      const token = opts.token === undefined ? ADMIN_TOKEN : opts.token;
      const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}) };
      let payload = opts.payload;
      if (payload === undefined && opts.body !== undefined) payload = JSON.stringify(opts.body);
      if (payload !== undefined) headers['content-type'] = 'application/json';
      const res = await (apps[opts.on ?? 0] as RitmoServer).inject({ method: method as 'POST', url, headers: { ...headers, ...opts.headers }, ...(payload === undefined ? {} : { payload }) });
      let json: unknown;
      try {
        json = JSON.parse(res.body);
      } catch {
        json = undefined;
      }
      return { status: res.statusCode, json, text: res.body };
    },
    async project(fields, prefix = 'p') {
      const name = `${prefix}-${++seq}-${kind}`;
      const res = await server.call('POST', '/api/v1/projects', { body: { name, ...fields } });
      if (res.status !== 201) throw new Error(`project: ${res.text}`);
      return name;
    },
    async secret(project, name, value) {
      const res = await server.call('PUT', `/api/v1/projects/${project}/secrets/${name}`, { body: { value } });
      if (res.status !== 200) throw new Error(`secret: ${res.text}`);
    },
    async user(username, project, role) {
      const user = await db.store.users.createUser({ username, isAdmin: false });
      const token = generateToken('ritmo');
      await db.store.apiTokens.createApiToken({ userId: user.id, name: 'test', prefix: tokenPrefix(token), tokenHash: hashToken(token) });
      const { id } = await db.store.projects.getProjectByName(project);
      await db.store.members.createMember({ projectId: id, userId: user.id, role });
      return token;
    },
  };
  return server;
}
