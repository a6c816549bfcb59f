import { RitmoError } from '@ritmo/shared';
import type { Environment, Project } from '@ritmo/store';
import { runDeployBuild, type DeployBuildDeps } from './run-deploy-build.js';

/**
 * Rolls an environment back in one action: the artifact of the latest successful deployment before
 * the current one (of another digest) is deployed again by re-running that deployment's own deploy
 * job with it, nothing rebuilt. Recorded as a rollback; once it succeeds the current deployment
 * becomes `rolled_back`.
 */
export async function rollbackEnvironment(deps: DeployBuildDeps, input: { project: Project; environment: Environment; actor: string }) {
  const { store } = deps;
  const history = await store.deployments.listSuccessfulDeployments(input.environment.id, 50);
  const current = history[0];
  const target = current && history.slice(1).find((d) => d.artifactDigest !== current.artifactDigest && d.buildId !== null && d.jobId !== null);
  if (!current || !target?.buildId || !target.jobId) {
    throw new RitmoError('ERR_DEPLOY_NOTHING_TO_ROLL_BACK', `environment ${input.environment.name} has no earlier successful deployment of another artifact`, {
      details: { current: current?.id ?? null },
    });
  }
  const source = await store.builds.getBuild(target.buildId);
  const deployJob = await store.jobs.getJob(target.jobId);
  const { build, jobId } = await runDeployBuild(deps, {
    source,
    deployJob,
    kind: 'rollback',
    environment: input.environment.name,
    artifactId: target.artifactId,
    rollbackOf: current.id,
    actor: input.actor,
    message: `roll ${input.environment.name} back to ${target.artifactDigest?.slice(0, 19) ?? `build #${source.number}`}`,
  });
  return { build, jobId, digest: target.artifactDigest, rollbackOf: current.id };
}
