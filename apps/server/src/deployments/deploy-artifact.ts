import { RitmoError } from '@ritmo/shared';
import type { Project } from '@ritmo/store';
import { findDeployJob } from './find-deploy-job.js';
import { runDeployBuild, type DeployBuildDeps } from './run-deploy-build.js';

/**
 * Deploys an artifact (by digest) to an environment: the deploy job for that environment of the
 * build that produced the artifact runs again, with that build's artifacts, and nothing is rebuilt.
 */
export async function deployArtifact(deps: DeployBuildDeps, input: { project: Project; environment: string; digest: string; actor: string }) {
  const { store } = deps;
  const candidates = await store.artifacts.findArtifactsByDigest(input.project.id, input.digest);
  if (candidates.length === 0) throw new RitmoError('ERR_ARTIFACT_NOT_FOUND', `project ${input.project.name} has no artifact ${input.digest}`);
  for (const artifact of candidates) {
    const source = await store.builds.getBuild(artifact.buildId);
    const deployJob = await findDeployJob(store, source, input.project.name, input.environment);
    if (!deployJob) continue;
    const { build, jobId } = await runDeployBuild(deps, {
      source,
      deployJob,
      kind: 'deploy',
      environment: input.environment,
      artifactId: artifact.id,
      rollbackOf: null,
      actor: input.actor,
      message: `deploy ${input.digest.slice(0, 19)} to ${input.environment}`,
    });
    return { build, jobId, digest: artifact.digest, rollbackOf: null };
  }
  throw new RitmoError('ERR_DEPLOY_NO_DEPLOY_JOB', `no build that produced ${input.digest} has a job deploying to ${input.environment}`, {
    suggestions: ['give the pipeline a job with `environment: ' + input.environment + '` and build the artifact again'],
  });
}
