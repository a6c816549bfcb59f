import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { createSystemClock, type Clock } from '@ritmo/shared';
import type { Store } from '@ritmo/store';
import { useTestStore, type StoreKind } from '@ritmo/store/testing';
import { bootstrapAdmin } from '../auth/bootstrap-admin.js';
import { generateToken, hashToken, tokenPrefix } from '../auth/tokens.js';
import { loadConfig } from '../config.js';
import { createServer, type RitmoServer } from '../create-server.js';
import type { EventHub } from '../events/event-hub.js';

export const ADMIN_TOKEN = 'ritmo_test_admin_token_0123456789';

export interface InjectOptions {
  token?: string | null;
  body?: unknown;
  /** Sent as is (for malformed JSON); sets content-type application/json unless headers say otherwise. */
  payload?: string;
  headers?: Record<string, string>;
}

export interface TestServer {
  readonly app: RitmoServer;
  readonly store: Store;
  /** app.inject with the admin token by default; returns status, parsed JSON (if any), headers and raw text. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response fields directly
  call(method: string, url: string, options?: InjectOptions): Promise<{ status: number; json: any; text: string; headers: Record<string, unknown> }>;
  /** A user with an API token, optionally with roles in projects. */
  createUser(username: string, options?: { admin?: boolean; roles?: Record<string, 'admin' | 'maintainer' | 'developer' | 'viewer'> }): Promise<{ id: string; token: string }>;
}

/**
 * A migrated store of `kind` and a server on it (not listening; use inject), with the admin's token
 * ADMIN_TOKEN. Registers its own beforeAll/afterAll.
 */
export function useTestServer(kind: StoreKind, options: { env?: Record<string, string>; clock?: Clock; hub?: (databaseUrl: string | undefined) => Promise<EventHub> } = {}): TestServer {
  const db = useTestStore(kind, options.clock ? { clock: options.clock } : {});
  let app: RitmoServer | undefined;
  let dataDir: string | undefined;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ritmo-server-'));
    const config = loadConfig({ RITMO_DATA_DIR: dataDir, RITMO_LOG_LEVEL: 'silent', ...options.env });
    const logger = pino({ level: 'silent' });
    await bootstrapAdmin({ store: db.store, logger, adminPassword: 'admin-password', adminToken: ADMIN_TOKEN });
    app = createServer({ config, store: db.store, logger, clock: options.clock ?? createSystemClock(), ...(options.hub ? { hub: await options.hub(db.database.options.databaseUrl) } : {}) });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  const server: TestServer = {
    get app() {
      if (!app) throw new Error('the test server exists only inside tests');
      return app;
    },
    get store() {
      return db.store;
    },
    async call(method, url, opts = {}) {
      const token = opts.token === undefined ? ADMIN_TOKEN : opts.token;
      const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...opts.headers };
      let payload: string | undefined;
      if (opts.payload !== undefined) payload = opts.payload;
      else if (opts.body !== undefined) payload = JSON.stringify(opts.body);
      if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
      const res = await server.app.inject({ method: method as 'GET', url, headers, ...(payload === undefined ? {} : { payload }) });
      let json: unknown;
      try {
        json = JSON.parse(res.body);
      } catch {
        json = undefined;
      }
      return { status: res.statusCode, json, text: res.body, headers: res.headers };
    },
    async createUser(username, opts = {}) {
      const user = await db.store.users.createUser({ username, isAdmin: opts.admin ?? false });
      const token = generateToken('ritmo');
      await db.store.apiTokens.createApiToken({ userId: user.id, name: 'test', prefix: tokenPrefix(token), tokenHash: hashToken(token) });
      for (const [projectId, role] of Object.entries(opts.roles ?? {})) await db.store.members.createMember({ projectId, userId: user.id, role });
      return { id: user.id, token };
    },
  };
  return server;
}

/** A pipeline with a DAG: build -> (test, lint) -> deploy. */
export const DAG_PIPELINE = `
name: ci
on:
  manual:
    inputs:
      target: { type: choice, options: [staging, prod], default: staging }
jobs:
  build:
    runs-on: [linux]
    steps:
      - run: echo build
  test:
    needs: [build]
    steps:
      - run: echo test
  lint:
    needs: [build]
    steps:
      - run: echo lint
  deploy:
    needs: [test, lint]
    steps:
      - run: echo deploy \${{ inputs.target }}
`;
