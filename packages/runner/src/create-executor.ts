import { RitmoError } from '@ritmo/shared';
import { createDockerExecutor, type DockerExecutorOptions } from './docker-executor.js';
import { createDummyExecutor } from './dummy-executor.js';
import type { Executor, ResourceLimits } from './executor.js';
import { createHostExecutor, type HostExecutorOptions } from './host-executor.js';
import { createSandboxExecutor, type SandboxExecutorOptions } from './sandbox-executor.js';

export type ExecutorName = 'host' | 'sandbox' | 'docker' | 'dummy';

export const EXECUTOR_NAMES: readonly ExecutorName[] = ['host', 'sandbox', 'docker', 'dummy'];

export interface ExecutorOptions extends HostExecutorOptions {
  /** Network for jobs that do not say (sandbox: default off; docker: default on). */
  network?: boolean;
  /** Limits for jobs that set none (sandbox and docker). */
  limits?: ResourceLimits;
  /** Sandbox-only settings (bwrap path, cgroup root, extra read-only paths). */
  sandbox?: Omit<SandboxExecutorOptions, keyof HostExecutorOptions | 'network' | 'limits'>;
  /** Docker-only settings (client, agent id, default image, pull policy). */
  docker?: Omit<DockerExecutorOptions, 'network' | 'limits'>;
}

/** The executor called `name`. */
export function createExecutor(name: string, options: ExecutorOptions = {}): Executor {
  const { network, limits, sandbox, docker, ...host } = options;
  const shared = { ...(network === undefined ? {} : { network }), ...(limits === undefined ? {} : { limits }) };
  switch (name) {
    case 'host':
      return createHostExecutor(host);
    case 'sandbox':
      return createSandboxExecutor({ ...host, ...shared, ...sandbox });
    case 'docker':
      return createDockerExecutor({ ...shared, ...docker });
    case 'dummy':
      return createDummyExecutor();
    default:
      throw new RitmoError('ERR_RUNNER_UNKNOWN_EXECUTOR', `Unknown executor "${name}"; this runner provides ${EXECUTOR_NAMES.join(', ')}.`, {
        details: { executor: name, available: EXECUTOR_NAMES },
      });
  }
}
