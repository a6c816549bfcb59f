import { definePlugin, type Plugin, type StatusProviderExtension } from '@ritmo/plugin-sdk';
import type { StatusProvider } from '../statuses/commit-status.js';
import type { OutboundFetch } from '../outbound/create-outbound-fetch.js';
import { builtInStatusProviders } from '../statuses/create-status-reporter.js';
import { createGithubDispatchDeployer } from './deployers/github-dispatch-deployer.js';
import { gitopsDeployer } from './deployers/gitops-deployer.js';
import { createWebhookDeployer } from './deployers/webhook-deployer.js';

/** A commit status provider as a plugin (`status-github`, ...); the token is the project secret FORGE_TOKEN or GIT_TOKEN. */
function statusPlugin(provider: StatusProvider): Plugin<StatusProviderExtension> {
  return definePlugin<StatusProviderExtension>({
    name: `status-${provider.name}`,
    version: '1.0.0',
    description: `Reports build status to ${provider.name} as commit statuses, linking to the build.`,
    config: { FORGE_TOKEN: { type: 'string', description: 'Project secret with a token allowed to set commit statuses (or GIT_TOKEN).', secret: true } },
    extension: {
      kind: 'status-provider',
      provider: provider.name,
      report: (status, token, signal) => provider.report({ ...status, repo: { ...status.repo, provider: provider.name } }, token, signal),
    },
  });
}

/** The plugins every server has: the three deployers and the commit status providers. */
export function builtInPlugins(outbound?: OutboundFetch): Plugin[] {
  return [createWebhookDeployer(outbound), gitopsDeployer, createGithubDispatchDeployer(outbound), ...builtInStatusProviders(outbound).map(statusPlugin)];
}
