import type { Command } from 'commander';
import { RitmoError } from '@ritmo/shared';
import { DEFAULT_SERVER_URL, type ServerCliOptions } from '../api/server-options.js';
import type { CliDeps } from '../cli-deps.js';
import { exitCodes } from '../exit-codes.js';
import { listAll } from '../remote/list-all.js';
import { withRemote } from '../remote/with-remote.js';

export interface SecretsCliOptions extends ServerCliOptions {
  project: string;
  value?: string;
  json?: boolean;
}

/** The value piped on standard input, without the one line break `echo` or a file adds at the end. */
export async function readPipedValue(stdin: CliDeps['stdin']): Promise<string> {
  if (stdin === undefined || stdin.isTTY === true) {
    throw new RitmoError('ERR_CLI_USAGE', 'give the value on standard input (or with --value, which leaves it in your shell history)', {
      suggestions: ['ritmo secrets set --project P NAME < value.txt', 'printf %s "$VALUE" | ritmo secrets set --project P NAME'],
    });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** `ritmo secrets set --project P NAME [--value V]`: creates or replaces a secret (the value from stdin by default). */
export function secretsSetCommand(name: string, options: SecretsCliOptions, deps: CliDeps): Promise<number> {
  return withRemote(options, deps, async ({ client }) => {
    const value = options.value ?? (await readPipedValue(deps.stdin));
    const result = await client.secrets.put(options.project, name, value);
    deps.stderr.write(`${result.created ? 'created' : 'updated'} secret ${result.name} in ${options.project}\n`);
    return exitCodes.ok;
  });
}

/** `ritmo secrets list --project P [--json]`: names and update times, never values. */
export function secretsListCommand(options: SecretsCliOptions, deps: CliDeps): Promise<number> {
  return withRemote(options, deps, async ({ client }) => {
    const secrets = await listAll((page) => client.secrets.list(options.project, page, deps.signal));
    if (options.json === true) {
      deps.stdout.write(`${JSON.stringify(secrets, null, 2)}\n`);
      return exitCodes.ok;
    }
    if (secrets.length === 0) {
      deps.stderr.write(`project ${options.project} has no secrets\n`);
      return exitCodes.ok;
    }
    const width = Math.max(4, ...secrets.map((s) => s.name.length));
    deps.stdout.write(`${'NAME'.padEnd(width)}  UPDATED\n`);
    for (const s of secrets) deps.stdout.write(`${s.name.padEnd(width)}  ${s.updatedAt}\n`);
    return exitCodes.ok;
  });
}

/** `ritmo secrets rm --project P NAME`. */
export function secretsRmCommand(name: string, options: SecretsCliOptions, deps: CliDeps): Promise<number> {
  return withRemote(options, deps, async ({ client }) => {
    await client.secrets.remove(options.project, name);
    deps.stderr.write(`deleted secret ${name} from ${options.project}\n`);
    return exitCodes.ok;
  });
}

/**
 * Adds `ritmo secrets set|list|rm` to the program; `done` receives each command's exit code.
 * Every subcommand takes --project, --server and --token (or RITMO_SERVER_URL / RITMO_TOKEN).
 */
export function registerSecretsCommands(program: Command, deps: CliDeps, done: (code: number) => void): void {
  const secrets = program.command('secrets').description('manage a project’s secrets on the server (values are write-only)');
  const common = (command: Command): Command =>
    command
      .requiredOption('--project <project>', 'the project (name or id)')
      .option('--server <url>', `the server URL (default: RITMO_SERVER_URL, else ${DEFAULT_SERVER_URL})`)
      .option('--token <token>', 'an API token (default: RITMO_TOKEN)');

  common(secrets.command('set').description('create or replace a secret; the value is read from standard input unless --value is given'))
    .argument('<name>', 'the secret name: [A-Z_][A-Z0-9_]*')
    .option('--value <value>', 'the value (it stays in your shell history; prefer standard input)')
    .action(async (name: string, options: SecretsCliOptions) => done(await secretsSetCommand(name, options, deps)));

  common(secrets.command('list').alias('ls').description('list the secret names with when each was last set'))
    .option('--json', 'print the list as JSON')
    .action(async (options: SecretsCliOptions) => done(await secretsListCommand(options, deps)));

  common(secrets.command('rm').alias('delete').description('delete a secret'))
    .argument('<name>', 'the secret name')
    .action(async (name: string, options: SecretsCliOptions) => done(await secretsRmCommand(name, options, deps)));
}
