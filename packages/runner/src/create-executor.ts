import { RitmoError } from '@ritmo/shared';
import { createDummyExecutor } from './dummy-executor.js';
import type { Executor } from './executor.js';
import { createHostExecutor, type HostExecutorOptions } from './host-executor.js';

export type ExecutorName = 'host' | 'dummy';

export const EXECUTOR_NAMES: readonly ExecutorName[] = ['host', 'dummy'];

export type ExecutorOptions = HostExecutorOptions;

/** The executor called `name`; sandbox and docker join this list with the agents. */
export function createExecutor(name: string, options: ExecutorOptions = {}): Executor {
  switch (name) {
    case 'host':
      return createHostExecutor(options);
    case 'dummy':
      return createDummyExecutor();
    default:
      throw new RitmoError('ERR_RUNNER_UNKNOWN_EXECUTOR', `Unknown executor "${name}"; this runner provides ${EXECUTOR_NAMES.join(', ')}.`, {
        details: { executor: name, available: EXECUTOR_NAMES },
      });
  }
}
