import { definePlugin, type Deployer } from '@ritmo/plugin-sdk';
import { createOutboundFetch, type OutboundFetch } from '../../outbound/create-outbound-fetch.js';
import { sendJson } from './send-json.js';
import { setting } from './setting.js';

/**
 * Starts a GitHub Actions workflow with `workflow_dispatch`
 * (`POST /repos/{owner}/{repo}/actions/workflows/{workflow}/dispatches`), passing the deployment as inputs.
 */
export function createGithubDispatchDeployer(outbound: OutboundFetch = createOutboundFetch()) {
  return definePlugin<Deployer>({
  name: 'deploy-github-dispatch',
  version: '1.0.0',
  description: 'Runs a GitHub Actions workflow through workflow_dispatch with the environment, digest and build as inputs.',
  config: {
    repo: { type: 'string', description: 'owner/name of the repository holding the workflow.', required: true },
    workflow: { type: 'string', description: 'The workflow file name (deploy.yml) or id.', required: true },
    ref: { type: 'string', description: 'The branch or tag the workflow runs on.', default: 'main' },
    apiUrl: { type: 'string', description: 'GitHub API root (GitHub Enterprise: https://host/api/v3).', default: 'https://api.github.com' },
    token: { type: 'string', description: 'A token allowed to dispatch workflows (actions: write).', required: true, secret: true },
  },
  extension: {
    kind: 'deployer',
    async deploy(request, settings, ctx) {
      const plugin = 'deploy-github-dispatch';
      const repo = setting(plugin, settings, 'repo');
      const workflow = setting(plugin, settings, 'workflow');
      const apiUrl = setting(plugin, settings, 'apiUrl', 'https://api.github.com').replace(/\/+$/, '');
      const url = `${apiUrl}/repos/${repo}/actions/workflows/${encodeURIComponent(workflow)}/dispatches`;
      const inputs = {
        environment: request.environment,
        digest: request.artifact?.digest ?? '',
        artifact_url: request.artifact?.url ?? '',
        build: String(request.build.number),
        sha: request.build.sha ?? '',
      };
      const body = JSON.stringify({ ref: setting(plugin, settings, 'ref', 'main'), inputs });
      await sendJson(url, body, { authorization: `Bearer ${setting(plugin, settings, 'token')}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' }, ctx.signal, outbound);
      return { summary: `workflow ${workflow} of ${repo} dispatched`, url: `https://github.com/${repo}/actions/workflows/${workflow}` };
    },
  },
  });
}

export const githubDispatchDeployer = createGithubDispatchDeployer();
