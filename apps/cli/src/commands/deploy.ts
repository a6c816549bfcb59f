import type { Command } from 'commander';
import { createApiClient } from '../api/create-api-client.js';
import { createDeliveryApi, type DeploymentInfo } from '../api/delivery-api.js';
import { DEFAULT_SERVER_URL, serverOptions, type ServerCliOptions } from '../api/server-options.js';
import type { CliDeps } from '../cli-deps.js';
import { exitCodes } from '../exit-codes.js';
import { withCliErrors } from '../with-cli-errors.js';

export interface DeployCliOptions extends ServerCliOptions {
  project: string;
  env: string;
  json?: boolean;
}

function row(d: DeploymentInfo): string {
  const digest = d.digest === null ? '-' : d.digest.slice(0, 19);
  const note = d.status === 'pending' && d.canApprove.length > 0 ? ` (can approve: ${d.canApprove.join(', ')})` : d.rollbackOf ? ' (rollback)' : '';
  return `${d.createdAt.padEnd(26)}${d.status.padEnd(13)}${digest.padEnd(21)}#${String(d.buildNumber ?? '-').padEnd(7)}${(d.actor ?? '-').padEnd(12)}${note}\n`;
}

/**
 * `ritmo deploy [DIGEST] --project P --env E`: with a digest, deploys that artifact (its build's deploy
 * job for the environment runs again, nothing rebuilt); without, shows the current version and history.
 */
export function deployCommand(digest: string | undefined, options: DeployCliOptions, deps: CliDeps): Promise<number> {
  return withCliErrors(deps, async () => {
    const api = createDeliveryApi(createApiClient({ ...serverOptions(options, deps.env), signal: deps.signal }));
    if (digest !== undefined) {
      const result = await api.deploy(options.project, options.env, digest);
      if (options.json === true) deps.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else deps.stderr.write(`deploying ${digest} to ${options.env} in build #${result.buildNumber} (${result.buildId})\n`);
      return exitCodes.ok;
    }
    const environment = await api.getEnvironment(options.project, options.env);
    const { items } = await api.listDeployments(options.project, options.env);
    if (options.json === true) {
      deps.stdout.write(`${JSON.stringify({ environment, deployments: items }, null, 2)}\n`);
      return exitCodes.ok;
    }
    const current = environment.current;
    deps.stdout.write(`${environment.name}${environment.url ? ` (${environment.url})` : ''}: ${current ? `${current.digest ?? 'no artifact'} from build #${current.buildNumber ?? '-'}` : 'nothing deployed'}\n`);
    deps.stdout.write(`${'CREATED'.padEnd(26)}${'STATUS'.padEnd(13)}${'DIGEST'.padEnd(21)}${'BUILD'.padEnd(8)}${'WHO'.padEnd(12)}\n`);
    for (const d of items) deps.stdout.write(row(d));
    return exitCodes.ok;
  });
}

/** `ritmo rollback --project P --env E`: redeploys the previous successful deployment's artifact. */
export function rollbackCommand(options: DeployCliOptions, deps: CliDeps): Promise<number> {
  return withCliErrors(deps, async () => {
    const api = createDeliveryApi(createApiClient({ ...serverOptions(options, deps.env), signal: deps.signal }));
    const result = await api.rollback(options.project, options.env);
    if (options.json === true) deps.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else deps.stderr.write(`rolling ${options.env} back to ${result.digest ?? 'the previous deployment'} in build #${result.buildNumber} (${result.buildId})\n`);
    return exitCodes.ok;
  });
}

export function registerDeployCommands(program: Command, deps: CliDeps, done: (code: number) => void): void {
  const common = (command: Command): Command =>
    command
      .requiredOption('--project <project>', 'the project (name or id)')
      .requiredOption('--env <environment>', 'the environment')
      .option('--json', 'print JSON')
      .option('--server <url>', `the server URL (default: RITMO_SERVER_URL, else ${DEFAULT_SERVER_URL})`)
      .option('--token <token>', 'an API token (default: RITMO_TOKEN)');
  common(program.command('deploy').description('deploy an artifact (by digest) to an environment, or show what runs there and its history'))
    .argument('[digest]', 'the artifact digest (sha256:…); omit to show the environment')
    .action(async (digest: string | undefined, options: DeployCliOptions) => done(await deployCommand(digest, options, deps)));
  common(program.command('rollback').description('redeploy the artifact of the previous successful deployment (no rebuild)')).action(async (options: DeployCliOptions) =>
    done(await rollbackCommand(options, deps)),
  );
}
