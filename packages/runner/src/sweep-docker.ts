import type Docker from 'dockerode';
import { toError } from '@ritmo/shared';
import { agentLabelFilter } from './docker-resources.js';

export interface SweepResult {
  containers: number;
  networks: number;
}

/**
 * Removes every container and network an agent's docker executor created (by the `ritmo.managed`
 * and `ritmo.agent` labels). An agent calls it on start: whatever carries its id then is left over
 * from a crash. Containers go first, since a network in use cannot be removed.
 */
export async function sweepDocker(docker: Docker, options: { agentId: string }): Promise<SweepResult> {
  const filters = JSON.stringify({ label: agentLabelFilter(options.agentId) });
  const containers = await docker.listContainers({ all: true, filters });
  await Promise.all(containers.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(ignoreGone)));
  const networks = await docker.listNetworks({ filters });
  await Promise.all(networks.map((n) => docker.getNetwork(n.Id).remove().catch(ignoreGone)));
  return { containers: containers.length, networks: networks.length };
}

/** Something else removed it meanwhile (404): the goal is met. */
function ignoreGone(e: unknown): void {
  const error = toError(e) as Error & { statusCode?: number };
  if (error.statusCode !== 404) throw error;
}
