import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSystemClock } from '@ritmo/shared';
import { createTestProject, STORE_KINDS, testPlan, testPlanJob, useTestStore } from '@ritmo/store/testing';
import { loadConfig } from '../config.js';
import { createServer } from '../create-server.js';
import { resolveJobSecrets } from '../secrets/resolve-job-secrets.js';
import { useTestServer } from '../testing/test-server.js';

const VALUE = 'the-deploy-key-value-0123';

describe.each(STORE_KINDS)('secret routes (%s)', (kind) => {
  const t = useTestServer(kind);
  let projectId = '';
  const users: Record<'maintainer' | 'developer' | 'viewer' | 'outsider', { id: string; token: string }> = {} as never;

  beforeAll(async () => {
    projectId = (await t.call('POST', '/api/v1/projects', { body: { name: 'app' } })).json.id;
    const other = (await t.call('POST', '/api/v1/projects', { body: { name: 'elsewhere' } })).json.id;
    users.maintainer = await t.createUser('maint', { roles: { [projectId]: 'maintainer' } });
    users.developer = await t.createUser('dev', { roles: { [projectId]: 'developer' } });
    users.viewer = await t.createUser('view', { roles: { [projectId]: 'viewer' } });
    users.outsider = await t.createUser('outsider', { roles: { [other]: 'admin' } });
  });

  it('sets a secret write-only: encrypted at rest with the key id, never answered back', async () => {
    const created = await t.call('PUT', '/api/v1/projects/app/secrets/DEPLOY_KEY', { token: users.maintainer.token, body: { value: VALUE } });
    expect(created.status).toBe(200);
    expect(created.json).toEqual({ name: 'DEPLOY_KEY', createdAt: expect.any(String), updatedAt: expect.any(String), created: true });
    const replaced = await t.call('PUT', '/api/v1/projects/app/secrets/DEPLOY_KEY', { token: users.maintainer.token, body: { value: `${VALUE}-2` } });
    expect(replaced.json).toMatchObject({ name: 'DEPLOY_KEY', created: false });

    const row = await t.store.secrets.getSecret(projectId, 'DEPLOY_KEY');
    expect(row.ciphertext.includes(Buffer.from(VALUE))).toBe(false);
    expect(row.nonce).toHaveLength(12);
    const crypto = await t.app.ritmo.secretCrypto();
    expect(row.keyId).toBe(crypto.keyId);
    expect(crypto.decrypt(row)).toBe(`${VALUE}-2`);
    expect(replaced.text).not.toContain(VALUE);
  });

  it('lists names and times only, with cursor pagination', async () => {
    for (const name of ['A_ONE', 'B_TWO']) await t.call('PUT', `/api/v1/projects/app/secrets/${name}`, { body: { value: VALUE } });
    const page1 = await t.call('GET', '/api/v1/projects/app/secrets?limit=2', { token: users.developer.token });
    expect(page1.status).toBe(200);
    expect(page1.json.items.map((s: { name: string }) => s.name)).toEqual(['A_ONE', 'B_TWO']);
    expect(Object.keys(page1.json.items[0]).sort()).toEqual(['createdAt', 'name', 'updatedAt']);
    const page2 = await t.call('GET', `/api/v1/projects/app/secrets?limit=2&cursor=${page1.json.nextCursor}`, { token: users.developer.token });
    expect(page2.json).toEqual({ items: [expect.objectContaining({ name: 'DEPLOY_KEY' })], nextCursor: null });
    expect(page1.text + page2.text).not.toContain(VALUE);
  });

  it('lets maintainers write, developers list, and nobody else in', async () => {
    const put = (token: string | null) => t.call('PUT', '/api/v1/projects/app/secrets/ROLE_CHECK', { token, body: { value: VALUE } });
    const list = (token: string | null) => t.call('GET', '/api/v1/projects/app/secrets', { token });
    const del = (token: string | null) => t.call('DELETE', '/api/v1/projects/app/secrets/ROLE_CHECK', { token });
    for (const who of [users.developer, users.viewer, users.outsider]) {
      const res = await put(who.token);
      expect(res.status).toBe(403);
      expect(res.json.error).toBe('ERR_AUTH_FORBIDDEN');
    }
    expect((await list(users.viewer.token)).json.error).toBe('ERR_AUTH_FORBIDDEN');
    expect((await list(users.outsider.token)).json.error).toBe('ERR_AUTH_FORBIDDEN');
    expect((await put(null)).json.error).toBe('ERR_AUTH_UNAUTHENTICATED');
    expect((await list(null)).status).toBe(401);
    expect(await t.store.secrets.findSecret(projectId, 'ROLE_CHECK')).toBeUndefined();

    expect((await put(users.maintainer.token)).status).toBe(200);
    expect((await del(users.developer.token)).status).toBe(403);
    expect((await del(users.maintainer.token)).status).toBe(204);
    expect(await t.store.secrets.findSecret(projectId, 'ROLE_CHECK')).toBeUndefined();
    const again = await del(users.maintainer.token);
    expect(again.status).toBe(404);
    expect(again.json.error).toBe('ERR_SECRET_NOT_FOUND');
  });

  it('audits each change with the name and never the value', async () => {
    await t.call('PUT', '/api/v1/projects/app/secrets/AUDITED', { token: users.maintainer.token, body: { value: VALUE } });
    await t.call('PUT', '/api/v1/projects/app/secrets/AUDITED', { token: users.maintainer.token, body: { value: `${VALUE}-new` } });
    await t.call('DELETE', '/api/v1/projects/app/secrets/AUDITED', { token: users.maintainer.token });
    const events = (await t.store.audit.listAuditEvents({ projectId, targetType: 'secret' }, { limit: 200 })).items.filter((e) => e.details['name'] === 'AUDITED');
    expect(events.map((e) => e.action).sort()).toEqual(['secret.create', 'secret.delete', 'secret.update']);
    for (const e of events) expect(e).toMatchObject({ actor: users.maintainer.id, projectId, requestId: expect.any(String) });
    expect(JSON.stringify(events)).not.toContain(VALUE);
    const viaApi = await t.call('GET', '/api/v1/audit?project=app&limit=200', { token: users.maintainer.token });
    expect(viaApi.status).toBe(200);
    expect(viaApi.text).not.toContain(VALUE);
  });

  it('rejects bad names and values with their ERR_ codes and stores nothing', async () => {
    const put = (name: string, body: unknown) => t.call('PUT', `/api/v1/projects/app/secrets/${name}`, { body });
    for (const name of ['lower_case', '1STARTS_WITH_DIGIT', 'HAS-DASH', `A${'B'.repeat(100)}`]) {
      const res = await put(name, { value: VALUE });
      expect(res.status, name).toBe(400);
      expect(res.json.error, name).toBe('ERR_SECRET_NAME_INVALID');
    }
    expect((await put('lower_case', { value: VALUE })).json.suggestions).toEqual(['use LOWER_CASE']);
    expect((await put(`_${'B'.repeat(99)}`, { value: VALUE })).status).toBe(200);
    for (const value of ['abc', '  ab  ', '', '\n\n\n\n']) {
      const res = await put('SHORT', { value });
      expect(res.status).toBe(400);
      expect(res.json.error).toBe('ERR_SECRET_VALUE_TOO_SHORT');
    }
    const large = await put('LARGE', { value: 'é'.repeat(32 * 1024) + 'x' });
    expect(large.status).toBe(413);
    expect(large.json.error).toBe('ERR_SECRET_VALUE_TOO_LARGE');
    expect((await put('LARGE', { value: 'x'.repeat(64 * 1024) })).status).toBe(200);
    expect((await put('TYPED', { value: 12345 })).json.error).toBe('ERR_API_VALIDATION');
    expect((await put('TYPED', { value: VALUE, extra: true })).json.error).toBe('ERR_API_VALIDATION');
    expect((await put('TYPED', {})).json.error).toBe('ERR_API_VALIDATION');
    expect((await t.call('PUT', '/api/v1/projects/nope/secrets/TYPED', { body: { value: VALUE } })).json.error).toBe('ERR_API_PROJECT_NOT_FOUND');
    for (const name of ['SHORT', 'TYPED']) expect(await t.store.secrets.findSecret(projectId, name)).toBeUndefined();
  });

  it('lets a maintainer approve an untrusted build to receive secrets', async () => {
    const plan = testPlan([testPlanJob('deploy', { secrets: ['DEPLOY_KEY'] })]);
    const fork = await t.store.builds.createBuild({ projectId, event: 'pull_request', trusted: false, plan });
    const job = plan.jobs[0]!;
    const crypto = await t.app.ritmo.secretCrypto();
    expect(await resolveJobSecrets({ store: t.store, crypto, build: fork, job })).toEqual({});

    const denied = await t.call('POST', `/api/v1/builds/${fork.id}/approve-secrets`, { token: users.developer.token });
    expect(denied.json.error).toBe('ERR_AUTH_FORBIDDEN');
    const approved = await t.call('POST', `/api/v1/builds/${fork.id}/approve-secrets`, { token: users.maintainer.token });
    expect(approved.status).toBe(200);
    expect(approved.json).toEqual({ buildId: fork.id, secretsApprovedBy: users.maintainer.id, secretsApprovedAt: expect.any(String) });
    const again = await t.call('POST', `/api/v1/builds/${fork.id}/approve-secrets`);
    expect(again.json.secretsApprovedBy).toBe(users.maintainer.id);
    const after = await t.store.builds.getBuild(fork.id);
    expect(await resolveJobSecrets({ store: t.store, crypto, build: after, job })).toEqual({ DEPLOY_KEY: `${VALUE}-2` });
    const audited = await t.store.audit.listAuditEvents({ action: 'build.approve-secrets', targetId: fork.id });
    expect(audited.items).toHaveLength(1);

    const trusted = await t.store.builds.createBuild({ projectId, event: 'push', trusted: true, plan });
    const notNeeded = await t.call('POST', `/api/v1/builds/${trusted.id}/approve-secrets`, { token: users.maintainer.token });
    expect(notNeeded.status).toBe(409);
    expect(notNeeded.json.error).toBe('ERR_SECRET_APPROVAL_NOT_NEEDED');
  });

  it('documents the secret routes in the OpenAPI document', async () => {
    const doc = (await t.call('GET', '/api/v1/openapi.json', { token: null })).json;
    const put = doc.paths['/api/v1/projects/{project}/secrets/{name}'].put;
    expect(put.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    expect(put.responses['400'].description).toContain('ERR_SECRET_NAME_INVALID');
    expect(doc.paths['/api/v1/builds/{id}/approve-secrets'].post).toBeDefined();
  });
});

describe.each(STORE_KINDS)('server start with the secret key (%s)', (kind) => {
  const db = useTestStore(kind);

  async function startWith(prepare: (dataDir: string) => void, env: Record<string, string> = {}) {
    const dataDir = mkdtempSync(join(tmpdir(), 'ritmo-secret-start-'));
    try {
      prepare(dataDir);
      const config = loadConfig({ RITMO_DATA_DIR: dataDir, ...env });
      const app = createServer({ config, store: db.store, logger: pino({ level: 'silent' }), clock: createSystemClock() });
      try {
        await app.ready();
        return (await app.ritmo.secretCrypto()).keyId;
      } finally {
        await app.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  it('refuses to start when secret.key is readable by others', async () => {
    const write = (mode: number) => (dir: string) => {
      writeFileSync(join(dir, 'secret.key'), `${'11'.repeat(32)}\n`);
      chmodSync(join(dir, 'secret.key'), mode);
    };
    await expect(startWith(write(0o644))).rejects.toMatchObject({ code: 'ERR_SECRET_KEY_FILE_PERMISSIONS' });
    expect(await startWith(write(0o600))).toMatch(/^[0-9a-f]{16}$/);
    // RITMO_SECRET_KEY wins over a key file; the same key gives the same key id.
    expect(await startWith(write(0o644), { RITMO_SECRET_KEY: '11'.repeat(32) })).toBe(await startWith(write(0o600)));
    expect(await createTestProject(db.store)).toBeDefined();
  });
});
