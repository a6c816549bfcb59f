import { describe, expect, it } from 'vitest';
import { webhookDeployer } from './deployers/webhook-deployer.js';
import { createPluginRegistry } from './create-plugin-registry.js';
import { loadPluginPackage } from './load-plugin-package.js';

describe('loading plugin packages', () => {
  it('refuses a package that cannot be imported, or whose default export is not a plugin', async () => {
    await expect(loadPluginPackage('@ritmo/no-such-plugin-package')).rejects.toMatchObject({ code: 'ERR_PLUGIN_LOAD_FAILED' });
    await expect(loadPluginPackage('x', async () => ({ default: { name: 'x' } }))).rejects.toMatchObject({ code: 'ERR_PLUGIN_LOAD_FAILED', message: expect.stringContaining('not a plugin') });
  });

  it('takes a list of plugins from one package', async () => {
    const plugins = await loadPluginPackage('pair', async () => ({ default: [webhookDeployer, { ...webhookDeployer, name: 'deploy-webhook-two' }] }));
    expect(plugins.map((p) => p.name)).toEqual(['deploy-webhook', 'deploy-webhook-two']);
  });

  it('a registry refuses two plugins of one name, and finds a plugin only by its kind', () => {
    expect(() => createPluginRegistry([{ plugin: webhookDeployer, source: 'built-in' }, { plugin: webhookDeployer, source: 'pkg' }])).toThrow(expect.objectContaining({ code: 'ERR_PLUGIN_DUPLICATE' }));
    const registry = createPluginRegistry([{ plugin: webhookDeployer, source: 'built-in' }]);
    expect(registry.get('deploy-webhook', 'deployer').name).toBe('deploy-webhook');
    expect(() => registry.get('deploy-webhook', 'notifier')).toThrow(expect.objectContaining({ code: 'ERR_PLUGIN_NOT_FOUND' }));
  });
});
