import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusProviderExtension } from '@ritmo/plugin-sdk';
import { startTestForge, type TestForge } from '../statuses/testing/test-forge-server.js';
import { createOutboundFetch } from '../outbound/create-outbound-fetch.js';
import { builtInPlugins } from './built-in-plugins.js';
import { createPluginRegistry } from './create-plugin-registry.js';

let forge: TestForge;
beforeAll(async () => {
  forge = await startTestForge();
});
afterAll(() => forge.close());

describe('built-in plugins', () => {
  it('are the three deployers and one commit status provider per forge', () => {
    const registry = createPluginRegistry(builtInPlugins().map((plugin) => ({ plugin, source: 'built-in' })));
    expect(registry.list().map((e) => `${e.plugin.extension.kind}:${e.plugin.name}`)).toEqual([
      'deployer:deploy-github-dispatch',
      'deployer:deploy-gitops',
      'deployer:deploy-webhook',
      'status-provider:status-gitea',
      'status-provider:status-github',
      'status-provider:status-gitlab',
    ]);
  });

  it('a status plugin reports through its forge’s API', async () => {
    forge.calls.length = 0;
    // The test forge listens on 127.0.0.1, which outbound calls only reach when allowed.
    const outbound = createOutboundFetch({ allow: ['127.0.0.1/32'] });
    const registry = createPluginRegistry(builtInPlugins(outbound).map((plugin) => ({ plugin, source: 'built-in' })));
    const gitea = registry.get('status-gitea', 'status-provider').extension as StatusProviderExtension;
    await gitea.report({ repo: { provider: 'gitea', apiUrl: forge.url, fullName: 'acme/widgets' }, sha: 'abc', state: 'success', context: 'ritmo/ci', description: 'ok', targetUrl: 'https://ci/b/1' }, 'tok');
    expect(forge.calls.map((c) => [c.method, c.path, c.headers.authorization])).toEqual([['POST', '/repos/acme/widgets/statuses/abc', 'token tok']]);
  });
});
