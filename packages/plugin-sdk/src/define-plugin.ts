import { RitmoError } from '@ritmo/shared';
import type { PluginConfigSchema } from './plugin-config.js';
import type { PluginExtension } from './plugin-interfaces.js';

/** A plugin: a name, a version, the settings it reads, and what it adds. */
export interface Plugin<E extends PluginExtension = PluginExtension> {
  /** Lower-case words joined by dashes; `uses:` and environment `deployer:` name it. */
  name: string;
  version: string;
  description: string;
  config: PluginConfigSchema;
  extension: E;
}

const NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const VERSION = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;

/** Checks a plugin's shape and returns it frozen. Throws ERR_PLUGIN_INVALID naming what is wrong. */
export function definePlugin<E extends PluginExtension>(plugin: Plugin<E>): Plugin<E> {
  const problems: string[] = [];
  if (typeof plugin.name !== 'string' || !NAME.test(plugin.name)) problems.push(`name ${JSON.stringify(plugin.name)} is not lower-case words joined by dashes`);
  if (typeof plugin.version !== 'string' || !VERSION.test(plugin.version)) problems.push(`version ${JSON.stringify(plugin.version)} is not semver`);
  if (typeof plugin.extension !== 'object' || plugin.extension === null || typeof plugin.extension.kind !== 'string') problems.push('extension has no kind');
  if (typeof plugin.config !== 'object' || plugin.config === null) problems.push('config is not an object');
  if (problems.length > 0) {
    throw new RitmoError('ERR_PLUGIN_INVALID', `plugin ${String(plugin.name)} is invalid: ${problems.join('; ')}`, { details: { problems } });
  }
  return Object.freeze({ ...plugin, config: Object.freeze({ ...plugin.config }) });
}
