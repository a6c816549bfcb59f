import { RitmoError } from '@ritmo/shared';
import type { PluginSettings } from '@ritmo/plugin-sdk';

/** A string setting; ERR_PLUGIN_CONFIG_INVALID when a required one is missing. */
export function setting(plugin: string, settings: PluginSettings, name: string, fallback?: string): string {
  const value = settings[name];
  if (value === undefined || value === '') {
    if (fallback !== undefined) return fallback;
    throw new RitmoError('ERR_PLUGIN_CONFIG_INVALID', `plugin ${plugin} needs the setting ${name}`, { details: { plugin, setting: name } });
  }
  return String(value);
}
