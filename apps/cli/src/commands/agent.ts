import type { CliDeps } from '../cli-deps.js';
import { runApp } from '../processes/run-app.js';
import { withCliErrors } from '../with-cli-errors.js';

export interface AgentCliOptions {
  server?: string;
  token?: string;
  labels?: string;
  capacity?: string;
  executor?: string;
  ephemeral?: boolean;
  workDir?: string;
  name?: string;
  drainTimeout?: string;
}

/** The agent's own flags for the options given (the token goes by environment, out of `ps`). */
export function agentArgs(options: AgentCliOptions): { args: string[]; env: Record<string, string> } {
  const args: string[] = [];
  const add = (flag: string, value: string | undefined): void => {
    if (value !== undefined) args.push(`--${flag}`, value);
  };
  add('server', options.server);
  add('labels', options.labels);
  add('capacity', options.capacity);
  add('executor', options.executor);
  add('work-dir', options.workDir);
  add('name', options.name);
  add('drain-timeout', options.drainTimeout);
  if (options.ephemeral) args.push('--ephemeral');
  return { args, env: options.token === undefined ? {} : { RITMO_AGENT_TOKEN: options.token } };
}

/**
 * `ritmo agent --server URL --token T [--labels a,b] [--capacity N] [--executor host|sandbox|docker] [--ephemeral]`:
 * runs an agent as a child process until it exits. Ctrl-C drains it (running jobs finish); a second
 * one stops them.
 */
export function agentCommand(options: AgentCliOptions, deps: CliDeps): Promise<number> {
  return withCliErrors(deps, () => runApp({ name: 'agent', ...agentArgs(options) }, deps));
}
