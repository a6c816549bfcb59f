import type { InstalledPlugin } from './create-plugin-registry.js';

/** What `GET /api/v1/plugins` shows of a plugin: its identity and the schema of its settings, never a value of a secret one. */
export function toPluginDto(entry: InstalledPlugin) {
  const { plugin } = entry;
  return {
    name: plugin.name,
    version: plugin.version,
    kind: plugin.extension.kind,
    description: plugin.description,
    source: entry.source,
    config: Object.entries(plugin.config).map(([name, field]) => ({
      name,
      type: field.type,
      description: field.description,
      required: field.required ?? false,
      secret: field.secret ?? false,
      // A default of a secret setting is a value too, so it stays out.
      ...(field.default !== undefined && field.secret !== true ? { default: field.default } : {}),
    })),
  };
}
