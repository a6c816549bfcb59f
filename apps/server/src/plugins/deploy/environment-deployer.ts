import { RitmoError } from '@ritmo/shared';
import type { Project } from '@ritmo/store';

/**
 * The deployer plugin an environment names, in the project's settings:
 * `deployers: { staging: { plugin: 'deploy-webhook', with: { url: '…' }, secrets: { secret: 'DEPLOY_HOOK_SECRET' } } }`.
 * `with` holds plain settings; `secrets` maps a setting to the project secret it is read from.
 */
export interface EnvironmentDeployer {
  plugin: string;
  with: Record<string, string | number | boolean>;
  secrets: Record<string, string>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The environment's deployer, or undefined when it names none; ERR_PLUGIN_CONFIG_INVALID for a malformed entry. */
export function environmentDeployer(project: Project, environment: string): EnvironmentDeployer | undefined {
  const all = project.settings['deployers'];
  if (!isRecord(all)) return undefined;
  const entry = all[environment];
  if (entry === undefined) return undefined;
  if (!isRecord(entry) || typeof entry['plugin'] !== 'string') {
    throw new RitmoError('ERR_PLUGIN_CONFIG_INVALID', `settings.deployers.${environment} of ${project.name} needs a plugin name`);
  }
  const settings = isRecord(entry['with']) ? entry['with'] : {};
  const secrets = isRecord(entry['secrets']) ? entry['secrets'] : {};
  return {
    plugin: entry['plugin'],
    with: Object.fromEntries(Object.entries(settings).filter((e): e is [string, string | number | boolean] => ['string', 'number', 'boolean'].includes(typeof e[1]))),
    secrets: Object.fromEntries(Object.entries(secrets).filter((e): e is [string, string] => typeof e[1] === 'string')),
  };
}
