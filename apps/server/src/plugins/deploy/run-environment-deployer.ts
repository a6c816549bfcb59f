import type { DeployResult, PluginSettings } from '@ritmo/plugin-sdk';
import type { Logger } from '@ritmo/shared';
import type { Store } from '@ritmo/store';
import type { ProjectSecretReader } from '../../scm/project-secret-reader.js';
import { buildUrl } from '../../statuses/create-status-reporter.js';
import type { PluginRegistry } from '../create-plugin-registry.js';
import { environmentDeployer } from './environment-deployer.js';

export interface EnvironmentDeployerDeps {
  store: Store;
  logger: Logger;
  plugins: () => Promise<PluginRegistry>;
  readSecret: ProjectSecretReader;
  publicUrl: string;
  signal: AbortSignal;
}

/**
 * When the deploy job `jobId` starts, runs the deployer plugin its environment names (if any) with
 * the deployment's artifact and build. Returns what the plugin did, or undefined when nothing ran.
 */
export async function runEnvironmentDeployer(deps: EnvironmentDeployerDeps, jobId: string): Promise<DeployResult | undefined> {
  const { store } = deps;
  const deployment = await store.deployments.findJobDeployment(jobId);
  if (!deployment || deployment.buildId === null) return undefined;
  const project = await store.projects.getProject(deployment.projectId);
  const environment = await store.environments.getEnvironment(deployment.environmentId);
  const chosen = environmentDeployer(project, environment.name);
  if (!chosen) return undefined;
  const plugin = (await deps.plugins()).get(chosen.plugin, 'deployer');
  const settings: Record<string, string | number | boolean | undefined> = { ...chosen.with };
  for (const [name, secret] of Object.entries(chosen.secrets)) settings[name] = await deps.readSecret(project.id, secret);
  const build = await store.builds.getBuild(deployment.buildId);
  const artifact = deployment.artifactId === null ? undefined : await store.artifacts.findArtifact(deployment.artifactId);
  const result = await plugin.extension.deploy(
    {
      project: project.name,
      environment: environment.name,
      environmentUrl: environment.url,
      deploymentId: deployment.id,
      build: { id: build.id, number: build.number, sha: build.sha, ref: build.ref, url: buildUrl(deps.publicUrl, project, build) },
      artifact: artifact ? { id: artifact.id, name: artifact.name, digest: artifact.digest, url: `${deps.publicUrl}/api/v1/artifacts/${artifact.id}/archive` } : null,
      actor: deployment.actor,
      rollback: deployment.rollbackOf !== null,
    },
    settings as PluginSettings,
    { logger: deps.logger, signal: deps.signal },
  );
  deps.logger.info({ jobId, deploymentId: deployment.id, plugin: plugin.name }, `deployer: ${result.summary}`);
  return result;
}
