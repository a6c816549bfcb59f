import { RitmoError } from '@ritmo/shared';
import { createGiteaProvider } from './gitea-provider.js';
import { genericProvider } from './generic-provider.js';
import { githubProvider } from './github-provider.js';
import { gitlabProvider } from './gitlab-provider.js';
import type { HookProvider, ProviderName } from './hook-provider.js';

export const PROVIDER_NAMES: readonly ProviderName[] = ['github', 'gitlab', 'gitea', 'forgejo', 'gogs', 'generic'];

/** Every provider, by the name used in `/api/v1/hooks/{provider}/{project}`. */
export function createHookProviders(): ReadonlyMap<ProviderName, HookProvider> {
  const list = [githubProvider, gitlabProvider, createGiteaProvider('gitea'), createGiteaProvider('forgejo'), createGiteaProvider('gogs'), genericProvider];
  return new Map(list.map((p) => [p.name, p]));
}

export function getHookProvider(providers: ReadonlyMap<ProviderName, HookProvider>, name: string): HookProvider {
  const provider = providers.get(name as ProviderName);
  if (!provider) {
    throw new RitmoError('ERR_HOOK_UNKNOWN_PROVIDER', `no webhook provider "${name}"`, { suggestions: [`use one of ${PROVIDER_NAMES.join(', ')}`] });
  }
  return provider;
}
