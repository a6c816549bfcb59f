import type { Command } from 'commander';
import { RitmoError } from '@ritmo/shared';
import type { ServerCliOptions } from '../api/server-options.js';
import type { CliDeps } from '../cli-deps.js';
import { exitCodes } from '../exit-codes.js';
import { createColors, shouldUseColor } from '../output/colors.js';
import { addServerOptions } from '../remote/add-server-options.js';
import { createNameResolver } from '../remote/create-name-resolver.js';
import { findJob } from '../remote/find-job.js';
import { finishFollow } from '../remote/finish-follow.js';
import { followBuild } from '../remote/follow-build.js';
import { buildLabel, formatBuildCreated } from '../remote/format-build.js';
import { getBuild } from '../remote/get-build.js';
import { withRemote } from '../remote/with-remote.js';

export interface RetryCliOptions extends ServerCliOptions {
  /** Retry this job (id, key or name) and the jobs after it, in the same build. */
  job?: string;
  follow?: boolean;
  json?: boolean;
}

/**
 * `ritmo retry BUILD [--job JOB] [--follow]`: a finished build again as a new build (same plan, commit
 * and inputs), or with --job that job and every job after it as new attempts in the same build.
 */
export function retryCommand(ref: string, options: RetryCliOptions, deps: CliDeps): Promise<number> {
  return withRemote(options, deps, async (remote) => {
    if (options.json === true && options.follow === true) throw new RitmoError('ERR_CLI_USAGE', '--json and --follow do not go together');
    const { client } = remote;
    const found = await getBuild(client, ref, deps.signal);
    const job = options.job === undefined ? undefined : findJob(found, options.job);
    const build = job === undefined ? await client.builds.retry(found.id) : await client.builds.retryJob(found.id, job.id);
    if (options.json === true) {
      deps.stdout.write(`${JSON.stringify(build, null, 2)}\n`);
      return exitCodes.ok;
    }
    const project = await createNameResolver(client).project(build.projectId);
    if (job === undefined) deps.stdout.write(formatBuildCreated(build, project, remote.serverUrl, createColors(shouldUseColor(deps.stdout, deps.env))));
    else {
      const attempt = build.jobs.find((j) => j.id === job.id)?.attempt ?? job.attempt + 1;
      deps.stdout.write(`retrying job ${job.name} of build ${buildLabel(project, build.number)} (attempt ${attempt}) and the jobs after it\n`);
    }
    if (options.follow !== true) return exitCodes.ok;
    deps.stdout.write('\n');
    return finishFollow(await followBuild(remote, deps, { build, skipFinished: job !== undefined }), project, deps);
  });
}

export function registerRetryCommand(program: Command, deps: CliDeps, done: (code: number) => void): void {
  addServerOptions(
    program
      .command('retry')
      .description('retry a finished build as a new build, or (--job) one job and the jobs after it in the same build')
      .argument('<build>', 'the build id (b_…) or PROJECT#NUMBER')
      .option('--job <job>', 'retry only this job (id, key or name) and what depends on it')
      .option('-f, --follow', 'stream the retried build until it ends; exit 0 only on success')
      .option('--json', 'print the build as JSON'),
  ).action(async (ref: string, options: RetryCliOptions) => done(await retryCommand(ref, options, deps)));
}
