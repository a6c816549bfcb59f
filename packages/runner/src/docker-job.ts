import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import type { ServiceSpec } from '@ritmo/pipeline';
import { DOCKER_LABELS, dockerLabels, dockerSafeName, limitsHostConfig } from './docker-resources.js';
import type { ExecutorJob, ResourceLimits } from './executor.js';

/** Keeps the job container alive between steps; exits at once on SIGTERM. */
export const KEEPALIVE = ['sh', '-c', 'trap exit TERM; while :; do sleep 3600 & wait; done'];

/** What one job created, in creation order; `removeDockerJob` deletes it. */
export interface DockerJobResources {
  networkId?: string;
  containerIds: string[];
  /** The job container, where steps run. */
  container?: Docker.Container;
}

export interface CreateDockerJobOptions {
  docker: Docker;
  agentId: string;
  job: ExecutorJob;
  image: string;
  network: boolean;
  limits?: ResourceLimits;
  /** Filled in as things get created, so a failure midway still leaves a complete record to remove. */
  resources: DockerJobResources;
  signal: AbortSignal;
}

/**
 * Creates the job container, with the workspace and the job's temp dir bind-mounted at their host
 * paths, and its services, each reachable by its name. With network, all sit on a per-job bridge
 * network `ritmo-<job>-<random>` (services by network alias). Without, the job container gets no
 * network at all (loopback only) and the services join its network namespace, their names pointing
 * at 127.0.0.1. Everything carries the ritmo labels.
 */
export async function createDockerJob(options: CreateDockerJobOptions): Promise<void> {
  const { docker, job, resources } = options;
  const labels = dockerLabels(options.agentId, job.id);
  if (!options.network) {
    const names = job.services.map((s) => `${s.name}:127.0.0.1`);
    const container = await startJobContainer(options, labels, { NetworkMode: 'none', ExtraHosts: names });
    for (const service of job.services) await startService(options, service, labels, { NetworkMode: `container:${container.id}` });
    return;
  }
  const networkName = `ritmo-${dockerSafeName(job.id)}-${randomBytes(4).toString('hex')}`;
  const network = await docker.createNetwork({ Name: networkName, Driver: 'bridge', CheckDuplicate: true, Labels: labels });
  resources.networkId = network.id;
  for (const service of job.services) {
    await startService(options, service, labels, { NetworkMode: networkName }, { EndpointsConfig: { [networkName]: { Aliases: [service.name] } } });
  }
  await startJobContainer(options, labels, { NetworkMode: networkName });
}

async function startService(
  options: CreateDockerJobOptions,
  service: ServiceSpec,
  labels: Record<string, string>,
  network: Docker.HostConfig,
  networking?: Docker.ContainerCreateOptions['NetworkingConfig'],
): Promise<void> {
  options.signal.throwIfAborted();
  const container = await options.docker.createContainer({
    Image: service.image,
    Env: Object.entries(service.env).map(([name, value]) => `${name}=${value}`),
    ...(service.command === undefined ? {} : { Cmd: service.command }),
    Labels: { ...labels, [DOCKER_LABELS.service]: service.name },
    HostConfig: { ...network, ...limitsHostConfig(options.limits) },
    ...(networking === undefined ? {} : { NetworkingConfig: networking }),
  });
  options.resources.containerIds.push(container.id);
  await container.start();
}

async function startJobContainer(options: CreateDockerJobOptions, labels: Record<string, string>, network: Docker.HostConfig): Promise<Docker.Container> {
  const { job } = options;
  options.signal.throwIfAborted();
  const container = await options.docker.createContainer({
    Image: options.image,
    Entrypoint: KEEPALIVE,
    Cmd: [],
    WorkingDir: job.workspace,
    Labels: labels,
    HostConfig: {
      Binds: [`${job.workspace}:${job.workspace}`, `${job.tempDir}:${job.tempDir}`],
      ...network,
      ...limitsHostConfig(options.limits),
    },
  });
  options.resources.containerIds.push(container.id);
  options.resources.container = container;
  await container.start();
  return container;
}

/** Removes the job's containers (killing what runs in them) and its network. Never throws. */
export async function removeDockerJob(docker: Docker, resources: DockerJobResources): Promise<void> {
  await Promise.all(
    [...resources.containerIds].reverse().map((id) =>
      docker
        .getContainer(id)
        .remove({ force: true, v: true })
        .catch(() => undefined),
    ),
  );
  if (resources.networkId !== undefined) await docker.getNetwork(resources.networkId).remove().catch(() => undefined);
}
