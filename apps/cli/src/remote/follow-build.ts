import { isFinalStatus, type BuildDetail, type LiveEvent, type RitmoApiError } from '@ritmo/client';
import type { CliDeps } from '../cli-deps.js';
import { createColors, shouldUseColor } from '../output/colors.js';
import { createBuildPrinter } from './create-build-printer.js';
import { readJobLog } from './read-job-log.js';
import type { Remote } from './with-remote.js';

export interface FollowBuildOptions {
  build: BuildDetail;
  /** Follow this one job only: its raw log, no prefixes or status lines; ends when the job does. */
  jobId?: string;
  /** Start each log with its last N lines instead of from the beginning. */
  tail?: number;
  /** Leave out the logs of jobs already finished (after retrying one job of a build). */
  skipFinished?: boolean;
}

export interface FollowResult {
  /** The build as it stands when following ended. */
  build: BuildDetail;
  /** True when Ctrl-C (deps.signal) ended it; the build itself goes on. */
  interrupted: boolean;
}

/**
 * Follows a build live over Server-Sent Events: job status changes and every log line, prefixed and
 * colored per job as `ritmo run` prints them, until the build (or the one job) finishes. A dropped
 * connection resumes where it stopped (Last-Event-ID, in the client); the printer drops bytes it already
 * printed, and a last read of each log once the build has finished prints anything the stream had not.
 */
export async function followBuild(remote: Remote, deps: CliDeps, options: FollowBuildOptions): Promise<FollowResult> {
  const { client } = remote;
  const { build, jobId } = options;
  const jobs = jobId === undefined ? build.jobs : build.jobs.filter((j) => j.id === jobId);
  const colors = createColors(shouldUseColor(deps.stdout, deps.env));
  // Jobs under way start as pending, so the stream's first state of them is printed (`job queued` …).
  const underWay = new Set(['queued', 'waiting', 'running']);
  const known = jobs.map((j) => (underWay.has(j.status) ? { ...j, status: 'pending' as const } : j));
  const printer = createBuildPrinter({ jobs: known, out: deps.stdout, colors, prefix: jobId === undefined, statuses: jobId === undefined });
  if (options.skipFinished === true) for (const job of jobs) if (isFinalStatus(job.status)) printer.seek(job.id, { attempt: job.attempt, offset: job.logSize });
  if (options.tail !== undefined) for (const job of jobs) await readJobLog(client, job, printer, { tail: options.tail, signal: deps.signal });

  let refused: RitmoApiError | undefined;
  const start = jobId === undefined ? undefined : printer.position(jobId);
  const jobEnded = (e: LiveEvent): boolean => e.type === 'build.finished' || (e.type === 'job.status' && e.jobId === jobId && isFinalStatus(e.status));
  const stream = client.live.build(
    build.id,
    jobId === undefined ? { logs: 'all' } : { logs: [jobId], ...(start !== undefined && start.offset > 0 ? { offset: start.offset } : {}) },
    {
      signal: deps.signal,
      onEvent: (e) => printer.event(e),
      onError: (e) => (refused = e),
      onDisconnect: (e) => void deps.stderr.write(`ritmo: the event stream dropped (${e.message}); resuming\n`),
      ...(jobId === undefined ? {} : { closeWhen: jobEnded }),
    },
  );
  await stream.closed;
  if (refused !== undefined) throw refused;
  if (deps.signal.aborted) {
    printer.flush();
    return { build, interrupted: true };
  }
  const final = await client.builds.get(build.id);
  for (const job of final.jobs) if (jobId === undefined || job.id === jobId) await readJobLog(client, job, printer);
  printer.flush();
  return { build: final, interrupted: false };
}
