import { definePlugin, type Plugin } from '@ritmo/plugin-sdk';
import { isRitmoError, RitmoError, toError } from '@ritmo/shared';

/** Imports an npm package named in RITMO_PLUGINS; its default export is one plugin or a list of them. */
export async function loadPluginPackage(name: string, importer: (specifier: string) => Promise<unknown> = (s) => import(s)): Promise<Plugin[]> {
  let module: unknown;
  try {
    module = await importer(name);
  } catch (e: unknown) {
    throw new RitmoError('ERR_PLUGIN_LOAD_FAILED', `cannot import the plugin package ${name}: ${toError(e).message}`, { cause: e, suggestions: [`npm install ${name} beside the server`] });
  }
  const exported = (module as { default?: unknown } | undefined)?.default;
  const list = Array.isArray(exported) ? (exported as unknown[]) : [exported];
  try {
    return list.map((p) => definePlugin(p as Plugin));
  } catch (e: unknown) {
    const error = toError(e);
    if (isRitmoError(error)) throw new RitmoError('ERR_PLUGIN_LOAD_FAILED', `the default export of ${name} is not a plugin: ${error.message}`, { cause: e });
    throw new RitmoError('ERR_PLUGIN_LOAD_FAILED', `the default export of ${name} is not a plugin`, { cause: e });
  }
}
