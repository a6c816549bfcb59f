import type { DeployRequest } from '@ritmo/plugin-sdk';

/** The JSON a deployer sends about a deployment (the webhook body, the workflow inputs' source). */
export function deployPayload(request: DeployRequest) {
  return {
    event: request.rollback ? 'rollback' : 'deploy',
    project: request.project,
    environment: { name: request.environment, url: request.environmentUrl },
    deployment: request.deploymentId,
    build: request.build,
    artifact: request.artifact,
    actor: request.actor,
  };
}
