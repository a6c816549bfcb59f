import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { definePlugin, type Deployer, type DeployRequest } from '@ritmo/plugin-sdk';
import { RitmoError } from '@ritmo/shared';
import { replaceVersion } from './replace-version.js';
import { runGit } from './run-git.js';
import { setting } from './setting.js';

/** `{digest}`, `{tag}` (the digest's hex), `{sha}`, `{build}` and `{environment}` in the value template. */
function render(template: string, request: DeployRequest): string {
  const digest = request.artifact?.digest ?? '';
  const values: Record<string, string> = {
    digest,
    tag: digest.replace(/^sha256:/, ''),
    sha: request.build.sha ?? '',
    build: String(request.build.number),
    environment: request.environment,
  };
  return template.replace(/\{(digest|tag|sha|build|environment)\}/g, (_m, key: string) => values[key] ?? '');
}

/**
 * The GitOps way (ArgoCD, Flux): clones a repository, sets the version in a manifest (the first group of
 * a regular expression), commits and pushes to a branch. A manifest already at that version is left alone.
 */
export const gitopsDeployer = definePlugin<Deployer>({
  name: 'deploy-gitops',
  version: '1.0.0',
  description: 'Commits the new image tag or version to a manifest in a git repository and pushes it.',
  config: {
    repo: { type: 'string', description: 'The repository URL git clones and pushes to (credentials in the URL come from a secret).', required: true, secret: true },
    branch: { type: 'string', description: 'The branch to commit to.', default: 'main' },
    file: { type: 'string', description: 'The manifest, relative to the repository root.', required: true },
    pattern: { type: 'string', description: 'A regular expression whose first group is the version, e.g. `image: registry/app:(\\S+)`.', required: true },
    value: { type: 'string', description: 'What the group becomes: {digest}, {tag}, {sha}, {build}, {environment}.', default: '{digest}' },
  },
  extension: {
    kind: 'deployer',
    async deploy(request, settings, ctx) {
      const plugin = 'deploy-gitops';
      const repo = setting(plugin, settings, 'repo');
      const branch = setting(plugin, settings, 'branch', 'main');
      const file = setting(plugin, settings, 'file');
      const dir = await mkdtemp(join(tmpdir(), 'ritmo-gitops-'));
      try {
        const manifest = resolve(dir, file);
        if (!manifest.startsWith(dir + sep)) throw new RitmoError('ERR_PLUGIN_CONFIG_INVALID', `the manifest path ${file} leaves the repository`);
        await runGit(['clone', '--quiet', '--depth', '1', '--branch', branch, '--', repo, dir], tmpdir(), ctx.signal);
        const before = await readFile(manifest, 'utf8').catch(() => {
          throw new RitmoError('ERR_PLUGIN_CONFIG_INVALID', `the repository has no ${file} on ${branch}`);
        });
        const value = render(setting(plugin, settings, 'value', '{digest}'), request);
        const after = replaceVersion(before, setting(plugin, settings, 'pattern'), value);
        if (after === before) return { summary: `${file} is already at ${value}` };
        await writeFile(manifest, after);
        const verb = request.rollback ? 'roll back' : 'deploy';
        await runGit(['commit', '--quiet', '-m', `${verb} ${request.project} build #${request.build.number} to ${request.environment}\n\nSet ${value} in ${file}.`, '--', file], dir, ctx.signal);
        await runGit(['push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`], dir, ctx.signal);
        const commit = (await runGit(['rev-parse', 'HEAD'], dir, ctx.signal)).trim();
        return { summary: `committed ${commit.slice(0, 12)} to ${branch}: ${file} set to ${value}` };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  },
});
