import type { Logger } from '@ritmo/shared';
import type { OutboundFetch } from '../outbound/create-outbound-fetch.js';
import { builtInPlugins } from './built-in-plugins.js';
import { createPluginRegistry, type InstalledPlugin, type PluginRegistry } from './create-plugin-registry.js';
import { loadPluginPackage } from './load-plugin-package.js';

/** The built-ins plus every plugin of the npm packages named (RITMO_PLUGINS), in one registry. */
export async function loadPlugins(packages: readonly string[], logger: Logger, outbound?: OutboundFetch): Promise<PluginRegistry> {
  const installed: InstalledPlugin[] = builtInPlugins(outbound).map((plugin) => ({ plugin, source: 'built-in' }));
  for (const name of packages) {
    const plugins = await loadPluginPackage(name);
    for (const plugin of plugins) installed.push({ plugin, source: name });
    logger.info({ package: name, plugins: plugins.map((p) => p.name) }, 'plugins loaded');
  }
  return createPluginRegistry(installed);
}
