import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../testing/test-server.js';

const webDir = mkdtempSync(join(tmpdir(), 'ritmo-web-'));
mkdirSync(join(webDir, 'assets'));
writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Ritmo UI</title>');
writeFileSync(join(webDir, 'assets', 'app-abc123.js'), 'console.log(1)');
afterAll(() => rmSync(webDir, { recursive: true, force: true }));

describe('serving the built web UI', () => {
  const t = useTestServer('sqlite', { env: { RITMO_WEB_DIR: webDir } });

  it('serves index.html at / and for client-side routes, never cached', async () => {
    for (const url of ['/', '/projects/web/builds/3', '/builds?status=running']) {
      const res = await t.call('GET', url, { token: null });
      expect(res.status).toBe(200);
      expect(res.text).toContain('<title>Ritmo UI</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets with a long cache life', async () => {
    const res = await t.call('GET', '/assets/app-abc123.js', { token: null });
    expect(res.status).toBe(200);
    expect(res.text).toBe('console.log(1)');
    expect(res.headers['cache-control']).toContain('immutable');
  });

  it('keeps API and missing files as JSON 404s', async () => {
    const api = await t.call('GET', '/api/v1/nothing-here', { token: null });
    expect(api.status).toBe(404);
    expect(api.json.error).toBe('ERR_API_ROUTE_NOT_FOUND');
    const missing = await t.call('GET', '/assets/missing.js', { token: null });
    expect(missing.status).toBe(404);
    expect(missing.json.error).toBe('ERR_API_ROUTE_NOT_FOUND');
    expect((await t.call('GET', '/api/v1/projects')).status).toBe(200);
  });
});

describe('without a built web UI', () => {
  const empty = mkdtempSync(join(tmpdir(), 'ritmo-noweb-'));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));
  const t = useTestServer('sqlite', { env: { RITMO_WEB_DIR: empty } });

  it('starts, says at / that the UI is not built, and the API works', async () => {
    const res = await t.call('GET', '/', { token: null });
    expect(res.status).toBe(503);
    expect(res.text).toContain('The web UI is not built');
    expect((await t.call('GET', '/api/v1/me')).status).toBe(200);
    expect((await t.call('GET', '/some/page', { token: null })).json.error).toBe('ERR_API_ROUTE_NOT_FOUND');
  });
});
