import type { Command } from 'commander';
import { RitmoError } from '@ritmo/shared';
import { parseKeyValues } from '../args/parse-key-values.js';
import type { ServerCliOptions } from '../api/server-options.js';
import type { CliDeps } from '../cli-deps.js';
import { exitCodes } from '../exit-codes.js';
import { createColors, shouldUseColor } from '../output/colors.js';
import { addServerOptions } from '../remote/add-server-options.js';
import { finishFollow } from '../remote/finish-follow.js';
import { followBuild } from '../remote/follow-build.js';
import { formatBuildCreated } from '../remote/format-build.js';
import { withRemote } from '../remote/with-remote.js';

export interface TriggerCliOptions extends ServerCliOptions {
  ref?: string;
  sha?: string;
  /** `key=value` manual inputs; the server types them against `on.manual.inputs`. */
  input?: readonly string[];
  follow?: boolean;
  json?: boolean;
}

/**
 * `ritmo trigger PROJECT [--ref R] [--sha S] [--input k=v]... [--follow]`: starts a build and prints
 * its number, id and URL. With --follow it then streams job status changes and logs until the build
 * ends, and exits 0 only when it succeeded.
 */
export function triggerCommand(project: string, options: TriggerCliOptions, deps: CliDeps): Promise<number> {
  return withRemote(options, deps, async (remote) => {
    const inputs = parseKeyValues(options.input ?? [], '--input');
    if (options.json === true && options.follow === true) throw new RitmoError('ERR_CLI_USAGE', '--json and --follow do not go together');
    const build = await remote.client.builds.trigger(project, {
      ...(options.ref === undefined ? {} : { ref: options.ref }),
      ...(options.sha === undefined ? {} : { sha: options.sha }),
      ...(Object.keys(inputs).length === 0 ? {} : { inputs }),
    });
    if (options.json === true) {
      deps.stdout.write(`${JSON.stringify(build, null, 2)}\n`);
      return exitCodes.ok;
    }
    deps.stdout.write(formatBuildCreated(build, project, remote.serverUrl, createColors(shouldUseColor(deps.stdout, deps.env))));
    if (options.follow !== true) return exitCodes.ok;
    deps.stdout.write('\n');
    return finishFollow(await followBuild(remote, deps, { build }), project, deps);
  });
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerTriggerCommand(program: Command, deps: CliDeps, done: (code: number) => void): void {
  addServerOptions(
    program
      .command('trigger')
      .description('start a build of a project on the server; --follow streams it until it ends (exit 0 only on success)')
      .argument('<project>', 'the project (name or id)')
      .option('--ref <ref>', 'the branch, tag or ref to build (default: the project’s default branch)')
      .option('--sha <sha>', 'the commit to build')
      .option('--input <key=value>', 'a manual input (repeatable)', collect, [])
      .option('-f, --follow', 'stream job status changes and logs until the build ends')
      .option('--json', 'print the created build as JSON'),
  ).action(async (project: string, options: TriggerCliOptions) => done(await triggerCommand(project, options, deps)));
}
