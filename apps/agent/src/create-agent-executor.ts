import Docker from 'dockerode';
import { createExecutor, sweepDocker, type Executor } from '@ritmo/runner';
import type { Logger } from '@ritmo/shared';

/**
 * The executor the agent runs jobs with. For docker, whatever an earlier run of this agent left
 * behind (it crashed) is removed first.
 */
export async function createAgentExecutor(options: { name: string; agentId: string; killGraceMs: number | undefined; logger: Logger }): Promise<Executor> {
  const host = options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs };
  if (options.name !== 'docker') return createExecutor(options.name, host);
  const docker = new Docker();
  const swept = await sweepDocker(docker, { agentId: options.agentId });
  if (swept.containers + swept.networks > 0) options.logger.info({ ...swept }, 'removed containers and networks left by an earlier run');
  return createExecutor('docker', { ...host, docker: { docker, agentId: options.agentId } });
}
