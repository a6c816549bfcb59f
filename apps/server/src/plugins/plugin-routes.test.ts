import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from '@ritmo/store/testing';
import { useTestServer } from '../testing/test-server.js';

// A plugin package as RITMO_PLUGINS names it: its default export is a plugin.
const dir = mkdtempSync(join(tmpdir(), 'ritmo-plugin-pkg-'));
const pkg = join(dir, 'shout.mjs');
writeFileSync(
  pkg,
  `export default { name: 'notify-shout', version: '2.1.0', description: 'shouts', config: { channel: { type: 'string', description: 'where', default: '#ci' }, apiKey: { type: 'string', description: 'key', secret: true, default: 'hunter2' } }, extension: { kind: 'notifier', notify: async () => {} } };\n`,
);

describe.each(STORE_KINDS)('GET /api/v1/plugins (%s)', (kind) => {
  const t = useTestServer(kind, { env: { RITMO_PLUGINS: pkg } });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the built-ins and the npm plugin with their config schema, and no secret value', async () => {
    const res = await t.call('GET', '/api/v1/plugins');
    expect(res.status, res.text).toBe(200);
    const names = res.json.items.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['deploy-webhook', 'deploy-gitops', 'deploy-github-dispatch', 'status-github', 'status-gitlab', 'status-gitea', 'notify-shout']));
    const shout = res.json.items.find((p: { name: string }) => p.name === 'notify-shout');
    expect(shout).toEqual({
      name: 'notify-shout',
      version: '2.1.0',
      kind: 'notifier',
      description: 'shouts',
      source: pkg,
      config: [
        { name: 'channel', type: 'string', description: 'where', required: false, secret: false, default: '#ci' },
        { name: 'apiKey', type: 'string', description: 'key', required: false, secret: true },
      ],
    });
    expect(res.text).not.toContain('hunter2');
  });

  it('needs a signed-in user', async () => {
    expect((await t.call('GET', '/api/v1/plugins', { token: null })).status).toBe(401);
  });
});
