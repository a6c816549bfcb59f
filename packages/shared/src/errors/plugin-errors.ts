import type { ErrorSpec } from '../error-catalog.js';

/** Codes of plugins: loading them, their settings, and what deployer plugins do. */
export const pluginErrors = {
  ERR_PLUGIN_INVALID: { status: 500, summary: 'A plugin does not have the shape definePlugin() requires (name, semver version, config schema, an extension with a kind).' },
  ERR_PLUGIN_LOAD_FAILED: { status: 500, summary: 'A package named in RITMO_PLUGINS cannot be imported, or its default export is not a plugin.' },
  ERR_PLUGIN_DUPLICATE: { status: 500, summary: 'Two plugins have the same name; rename one or remove it from RITMO_PLUGINS.' },
  ERR_PLUGIN_NOT_FOUND: { status: 404, summary: 'No installed plugin has this name, or it is not of the kind asked for (an environment names a deployer that is not one).' },
  ERR_PLUGIN_CONFIG_INVALID: { status: 400, summary: 'A plugin setting is missing or has the wrong type; the message names the setting.' },
  ERR_PLUGIN_DEPLOY_FAILED: { status: 502, summary: 'A deployer plugin could not ship the deployment: the receiver refused or was unreachable, or git clone, commit or push failed.' },
} as const satisfies Record<string, ErrorSpec>;
