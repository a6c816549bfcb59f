import type { Command } from 'commander';
import type { ServerCliOptions } from '../api/server-options.js';
import type { CliDeps } from '../cli-deps.js';
import { exitCodes } from '../exit-codes.js';
import { addServerOptions } from '../remote/add-server-options.js';
import { createNameResolver } from '../remote/create-name-resolver.js';
import { buildLabel } from '../remote/format-build.js';
import { getBuild } from '../remote/get-build.js';
import { withRemote } from '../remote/with-remote.js';

export interface CancelCliOptions extends ServerCliOptions {
  json?: boolean;
}

/**
 * `ritmo cancel BUILD`: cancels the build's queued and running jobs and skips its pending ones (jobs
 * with `if: always()` still run). BUILD is an id or PROJECT#NUMBER.
 */
export function cancelCommand(ref: string, options: CancelCliOptions, deps: CliDeps): Promise<number> {
  return withRemote(options, deps, async ({ client }) => {
    const found = await getBuild(client, ref, deps.signal);
    const build = await client.builds.cancel(found.id);
    if (options.json === true) {
      deps.stdout.write(`${JSON.stringify(build, null, 2)}\n`);
      return exitCodes.ok;
    }
    const label = buildLabel(await createNameResolver(client).project(build.projectId), build.number);
    const running = build.jobs.filter((j) => j.status === 'running').length;
    const still = running === 0 ? '' : `; ${running} job${running === 1 ? '' : 's'} still stopping`;
    deps.stderr.write(`canceled build ${label} (${build.id}): ${build.status}${still}\n`);
    return exitCodes.ok;
  });
}

export function registerCancelCommand(program: Command, deps: CliDeps, done: (code: number) => void): void {
  addServerOptions(
    program
      .command('cancel')
      .description('cancel a build: queued and running jobs are canceled, pending ones skipped')
      .argument('<build>', 'the build id (b_…) or PROJECT#NUMBER')
      .option('--json', 'print the build as JSON'),
  ).action(async (ref: string, options: CancelCliOptions) => done(await cancelCommand(ref, options, deps)));
}
