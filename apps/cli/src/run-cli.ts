import { Command, CommanderError, Option } from 'commander';
import { CLI_EVENTS } from './args/parse-event.js';
import type { CliDeps } from './cli-deps.js';
import { agentCommand, type AgentCliOptions } from './commands/agent.js';
import { registerAgentsCommands } from './commands/agents.js';
import { registerArtifactsCommands } from './commands/artifacts.js';
import { registerBuildsCommand } from './commands/builds.js';
import { registerCancelCommand } from './commands/cancel.js';
import { registerDeployCommands } from './commands/deploy.js';
import { lintCommand } from './commands/lint.js';
import { registerLogsCommand } from './commands/logs.js';
import { planCommand } from './commands/plan.js';
import { registerProjectsCommands } from './commands/projects.js';
import { registerPromoteCommand } from './commands/promote.js';
import { registerRetryCommand } from './commands/retry.js';
import { runCommand } from './commands/run.js';
import { registerSecretsCommands } from './commands/secrets.js';
import { registerTriggerCommand } from './commands/trigger.js';
import { upCommand } from './commands/up.js';
import { exitCodes } from './exit-codes.js';
import { runApp } from './processes/run-app.js';
import { withCliErrors } from './with-cli-errors.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/**
 * Parses `argv` (without `node` and the script) and runs the chosen command in-process.
 * Resolves to the process exit code; never calls `process.exit`.
 */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  let code: number = exitCodes.ok;
  const program = new Command('ritmo')
    .description('Ritmo: a self-hosted CI/CD platform. Start it, and lint, plan and run pipelines.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void deps.stdout.write(text),
      writeErr: (text) => void deps.stderr.write(text),
    });

  program
    .command('lint')
    .description('check pipeline files and print file:line:col diagnostics (all of .ritmo/*.yml by default)')
    .argument('[files...]', 'pipeline files (default: .ritmo.yml, else .ritmo/*.yml)')
    .option('--json', 'print the diagnostics as JSON')
    .action(async (files: string[], options: { json?: boolean }) => {
      code = await lintCommand(files, options, deps);
    });

  program
    .command('plan')
    .description('print the expanded DAG and what each if: decides for an event')
    .argument('[file]', 'pipeline file (default: .ritmo.yml, else the one .ritmo/*.yml)')
    .option('--json', 'print the plan and the decisions as JSON')
    .addOption(new Option('--event <event>', 'the event to plan for').choices(CLI_EVENTS).default('push'))
    .option('--ref <ref>', 'the ref to plan for (default: the current branch)')
    .option('--input <key=value>', 'a manual input (repeatable)', collect, [])
    .action(async (file: string | undefined, options: PlanCliOptions) => {
      code = await planCommand(file, options, deps);
    });

  program
    .command('run')
    .description('run the pipeline on the working tree; the exit code is the build result')
    .argument('[file]', 'pipeline file (default: .ritmo.yml, else the one .ritmo/*.yml)')
    .option('--job <name>', 'run only this job (key, id or name) and the jobs it needs (repeatable)', collect, [])
    .option('--input <key=value>', 'a manual input (repeatable)', collect, [])
    .option('--env <KEY=VALUE>', 'an environment variable for every step (repeatable)', collect, [])
    .option('--secret <KEY=VALUE>', 'a secret, masked in the output (repeatable)', collect, [])
    .addOption(new Option('--event <event>', 'the event to run as').choices(CLI_EVENTS).default('push'))
    .option('--ref <ref>', 'the ref to run as (default: the current branch)')
    .addOption(new Option('--executor <executor>', 'how steps run').choices(['host', 'dummy']).default('host'))
    .option('--max-parallel <n>', 'how many jobs run at once (default: the CPU count)')
    .action(async (file: string | undefined, options: RunCliOptions) => {
      code = await runCommand(file, options, deps);
    });

  program
    .command('server')
    .description('start the Ritmo server alone (config from RITMO_* environment variables)')
    .action(async () => {
      code = await withCliErrors(deps, () => runApp({ name: 'server' }, deps));
    });

  program
    .command('up')
    .description('start Ritmo on this machine: the server on 127.0.0.1:8080 with SQLite in ./.ritmo, the web UI, and a local agent')
    .action(async () => {
      code = await withCliErrors(deps, () => upCommand(deps));
    });

  program
    .command('agent')
    .description('run an agent: it registers with the server, long-polls for jobs and runs them')
    .option('--server <url>', 'the server URL (default: RITMO_SERVER_URL, else http://127.0.0.1:8080)')
    .option('--token <token>', 'a registration token (ritmoreg_…) or the agent token (default: RITMO_AGENT_TOKEN)')
    .option('--labels <a,b>', 'labels jobs can ask for with runs-on (os, arch and executor are added)')
    .option('--capacity <n>', 'jobs run at once (default 1)')
    .addOption(new Option('--executor <executor>', 'how steps run').choices(['host', 'sandbox', 'docker', 'dummy']))
    .option('--ephemeral', 'run one job, then exit')
    .option('--work-dir <dir>', 'workspaces, log spool and saved credentials (default ./.ritmo-agent)')
    .option('--name <name>', 'the agent name (default: the host name)')
    .option('--drain-timeout <duration>', 'on Ctrl-C, stop jobs still running after this long (default: wait)')
    .action(async (options: AgentCliOptions) => {
      code = await agentCommand(options, deps);
    });

  registerProjectsCommands(program, deps, (result) => (code = result));
  registerTriggerCommand(program, deps, (result) => (code = result));
  registerBuildsCommand(program, deps, (result) => (code = result));
  registerLogsCommand(program, deps, (result) => (code = result));
  registerCancelCommand(program, deps, (result) => (code = result));
  registerRetryCommand(program, deps, (result) => (code = result));
  registerAgentsCommands(program, deps, (result) => (code = result));
  registerSecretsCommands(program, deps, (result) => (code = result));
  registerArtifactsCommands(program, deps, (result) => (code = result));
  registerPromoteCommand(program, deps, (result) => (code = result));
  registerDeployCommands(program, deps, (result) => (code = result));

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e: unknown) {
    if (e instanceof CommanderError) {
      // Help and version end "with an error" in commander's exitOverride mode; they are successes.
      return e.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    }
    throw e;
  }
  return code;
}

interface PlanCliOptions {
  json?: boolean;
  event: string;
  ref?: string;
  input: string[];
}

interface RunCliOptions {
  job: string[];
  input: string[];
  env: string[];
  secret: string[];
  event: string;
  ref?: string;
  executor: string;
  maxParallel?: string;
}
