import type { ExtensionKind, Plugin, PluginExtension } from '@ritmo/plugin-sdk';
import { RitmoError } from '@ritmo/shared';

/** Where a plugin came from: built into the server, or an npm package named in RITMO_PLUGINS. */
export interface InstalledPlugin {
  plugin: Plugin;
  source: 'built-in' | string;
}

/** The installed plugins by name. ERR_PLUGIN_DUPLICATE when two share a name. */
export function createPluginRegistry(installed: readonly InstalledPlugin[]) {
  const byName = new Map<string, InstalledPlugin>();
  for (const entry of installed) {
    const other = byName.get(entry.plugin.name);
    if (other) throw new RitmoError('ERR_PLUGIN_DUPLICATE', `plugin ${entry.plugin.name} comes from both ${other.source} and ${entry.source}`);
    byName.set(entry.plugin.name, entry);
  }
  return {
    list: (): InstalledPlugin[] => [...byName.values()].sort((a, b) => a.plugin.name.localeCompare(b.plugin.name)),
    /** The plugin of that name and kind; ERR_PLUGIN_NOT_FOUND otherwise. */
    get<K extends ExtensionKind>(name: string, kind: K): Plugin<Extract<PluginExtension, { kind: K }>> {
      const entry = byName.get(name);
      if (!entry || entry.plugin.extension.kind !== kind) {
        const names = [...byName.values()].filter((e) => e.plugin.extension.kind === kind).map((e) => e.plugin.name);
        throw new RitmoError('ERR_PLUGIN_NOT_FOUND', `no ${kind} plugin is named ${name}`, { suggestions: names.length > 0 ? [`installed: ${names.join(', ')}`] : [] });
      }
      return entry.plugin as Plugin<Extract<PluginExtension, { kind: K }>>;
    },
  };
}

export type PluginRegistry = ReturnType<typeof createPluginRegistry>;
