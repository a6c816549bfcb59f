/** One setting a plugin reads, as `GET /api/v1/plugins` shows it. Secret settings are never shown with a value. */
export interface PluginConfigField {
  type: 'string' | 'number' | 'boolean';
  description: string;
  required?: boolean;
  /** Read from a project secret, never shown. */
  secret?: boolean;
  default?: string | number | boolean;
}

/** A plugin's settings by name. */
export type PluginConfigSchema = Readonly<Record<string, PluginConfigField>>;

/** The settings a plugin receives, by name (strings from the environment definition or secrets). */
export type PluginSettings = Readonly<Record<string, string | number | boolean | undefined>>;
