import type { Command } from 'commander';
import type { BuildDetail, Job, RitmoClient } from '@ritmo/client';
import { parsePositiveInt } from '../args/parse-positive-int.js';
import type { ServerCliOptions } from '../api/server-options.js';
import type { CliDeps } from '../cli-deps.js';
import { exitCodes } from '../exit-codes.js';
import { createColors, shouldUseColor } from '../output/colors.js';
import { addServerOptions } from '../remote/add-server-options.js';
import { createBuildPrinter } from '../remote/create-build-printer.js';
import { createNameResolver } from '../remote/create-name-resolver.js';
import { findJob } from '../remote/find-job.js';
import { finishFollow } from '../remote/finish-follow.js';
import { followBuild } from '../remote/follow-build.js';
import { getBuild } from '../remote/get-build.js';
import { readJobLog } from '../remote/read-job-log.js';
import { withRemote } from '../remote/with-remote.js';

export interface LogsCliOptions extends ServerCliOptions {
  follow?: boolean;
  /** The last N lines of each log. */
  tail?: string;
  /** One job of the build (id, key or name). */
  job?: string;
}

/** A job id (`j_…`) is that job; anything else names a build (`b_…` or `PROJECT#N`), narrowed by --job. */
async function resolveTarget(client: RitmoClient, target: string, job: string | undefined, signal: AbortSignal): Promise<{ build: BuildDetail; job?: Job }> {
  if (target.startsWith('j_')) {
    const found = await client.jobs.get(target, signal);
    const build = await client.builds.get(found.buildId, signal);
    return { build, job: build.jobs.find((j) => j.id === found.id) ?? found };
  }
  const build = await getBuild(client, target, signal);
  return job === undefined ? { build } : { build, job: findJob(build, job) };
}

/**
 * `ritmo logs JOB_OR_BUILD [-f] [--tail N] [--job J]`: a job's log as it is, or every job's log of a
 * build, each line prefixed with its job's name as `ritmo run` prints it. With -f it follows live until
 * the build (or job) ends and exits 0 only when it succeeded; Ctrl-C stops following (exit 130).
 */
export function logsCommand(target: string, options: LogsCliOptions, deps: CliDeps): Promise<number> {
  return withRemote(options, deps, async (remote) => {
    const tail = options.tail === undefined ? undefined : parsePositiveInt(options.tail, '--tail');
    const { build, job } = await resolveTarget(remote.client, target, options.job, deps.signal);
    if (options.follow === true) {
      // The name is read first: after Ctrl-C no more requests go out.
      const project = await createNameResolver(remote.client).project(build.projectId);
      const result = await followBuild(remote, deps, { build, ...(job === undefined ? {} : { jobId: job.id }), ...(tail === undefined ? {} : { tail }) });
      if (job === undefined) return finishFollow(result, project, deps);
      if (result.interrupted) return exitCodes.interrupted;
      return result.build.jobs.find((j) => j.id === job.id)?.status === 'success' ? exitCodes.ok : exitCodes.failure;
    }
    const jobs = job === undefined ? build.jobs : [job];
    const colors = createColors(shouldUseColor(deps.stdout, deps.env));
    const printer = createBuildPrinter({ jobs, out: deps.stdout, colors, prefix: job === undefined, statuses: false });
    for (const j of jobs) await readJobLog(remote.client, j, printer, { ...(tail === undefined ? {} : { tail }), signal: deps.signal });
    printer.flush();
    return exitCodes.ok;
  });
}

export function registerLogsCommand(program: Command, deps: CliDeps, done: (code: number) => void): void {
  addServerOptions(
    program
      .command('logs')
      .description('print a job’s log, or every job’s log of a build prefixed with the job name; -f follows live')
      .argument('<job-or-build>', 'a job id (j_…), or a build id (b_…) or PROJECT#NUMBER')
      .option('-f, --follow', 'follow live until the build (or job) ends; exit 0 only when it succeeded')
      .option('--tail <n>', 'start with the last N lines of each log')
      .option('--job <job>', 'only this job of the build (id, key or name)'),
  ).action(async (target: string, options: LogsCliOptions) => done(await logsCommand(target, options, deps)));
}
