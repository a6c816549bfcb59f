import type { Command } from 'commander';
import type { Agent } from '@ritmo/client';
import { RitmoError } from '@ritmo/shared';
import type { ServerCliOptions } from '../api/server-options.js';
import type { CliDeps } from '../cli-deps.js';
import { exitCodes } from '../exit-codes.js';
import { createColors, shouldUseColor } from '../output/colors.js';
import { addServerOptions } from '../remote/add-server-options.js';
import { formatAgentsTable } from '../remote/format-agents-table.js';
import { listAll } from '../remote/list-all.js';
import { withRemote } from '../remote/with-remote.js';

export interface AgentsCliOptions extends ServerCliOptions {
  json?: boolean;
}

/** `ritmo agents [--json]`: every registered agent (a table, or a JSON array). */
export function agentsCommand(options: AgentsCliOptions, deps: CliDeps): Promise<number> {
  return withRemote(options, deps, async ({ client }) => {
    const agents = await listAll((page) => client.agents.list(page, deps.signal));
    if (options.json === true) deps.stdout.write(`${JSON.stringify(agents, null, 2)}\n`);
    else if (agents.length === 0) deps.stderr.write('no agents are registered (start one with ritmo agent --server URL --token ritmoreg_…)\n');
    else deps.stdout.write(formatAgentsTable(agents, createColors(shouldUseColor(deps.stdout, deps.env)), Date.now()));
    return exitCodes.ok;
  });
}

/** The agent with this id, else the one agent with this name. */
function pickAgent(agents: readonly Agent[], query: string): Agent {
  const byId = agents.find((a) => a.id === query);
  if (byId !== undefined) return byId;
  const named = agents.filter((a) => a.name === query);
  if (named.length === 1 && named[0] !== undefined) return named[0];
  if (named.length > 1) {
    throw new RitmoError('ERR_CLI_AGENT_AMBIGUOUS', `${named.length} agents are named "${query}"`, { suggestions: [`name one by its id: ${named.map((a) => a.id).join(', ')}`] });
  }
  throw new RitmoError('ERR_CLI_AGENT_NOT_FOUND', `no agent is named "${query}" or has that id`, {
    suggestions: agents.length === 0 ? ['no agents are registered'] : [`agents: ${agents.map((a) => a.name).join(', ')}`],
  });
}

/** `ritmo agents drain NAME_OR_ID`: the agent finishes what it runs and claims nothing new. */
export function agentsDrainCommand(query: string, options: AgentsCliOptions, deps: CliDeps): Promise<number> {
  return withRemote(options, deps, async ({ client }) => {
    const agent = pickAgent(await listAll((page) => client.agents.list(page, deps.signal)), query);
    const drained = await client.agents.drain(agent.id);
    if (options.json === true) {
      deps.stdout.write(`${JSON.stringify(drained, null, 2)}\n`);
      return exitCodes.ok;
    }
    const running = drained.runningJobs.length;
    deps.stderr.write(`draining agent ${drained.name} (${drained.id}): it finishes ${running} running job${running === 1 ? '' : 's'} and claims no new ones\n`);
    return exitCodes.ok;
  });
}

/** Adds `ritmo agents` and `ritmo agents drain`. */
export function registerAgentsCommands(program: Command, deps: CliDeps, done: (code: number) => void): void {
  const agents = addServerOptions(
    program.command('agents').description('list the agents registered with the server; drain one').option('--json', 'print the agents as JSON'),
  ).action(async (options: AgentsCliOptions) => done(await agentsCommand(options, deps)));
  addServerOptions(
    agents
      .command('drain')
      .description('drain an agent: it finishes the jobs it runs and claims no new ones')
      .argument('<name-or-id>', 'the agent’s name or id')
      .option('--json', 'print the agent as JSON'),
  ).action(async (query: string, _options: AgentsCliOptions, command: Command) => done(await agentsDrainCommand(query, command.optsWithGlobals<AgentsCliOptions>(), deps)));
}
