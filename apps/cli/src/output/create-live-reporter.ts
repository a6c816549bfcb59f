import { formatDuration } from '@ritmo/shared';
import type { PlanJob } from '@ritmo/pipeline';
import type { TextSink } from '../cli-deps.js';
import type { LocalBuildEvents } from '../local/run-local-build.js';
import type { Colors } from './colors.js';
import { statusPaint } from './status-paint.js';
import { createJobPrefixer } from './job-prefixer.js';

/**
 * Writes a local build as it happens: every log line prefixed with its job's name (padded, colored per
 * job; the runner's own lines about steps dimmed), and one line when a job starts and ends.
 */
export function createLiveReporter(jobs: readonly PlanJob[], out: TextSink, colors: Colors): LocalBuildEvents {
  const prefix = createJobPrefixer(
    jobs.map((j) => j.name),
    colors,
  );
  const write = (job: PlanJob, text: string): void => {
    out.write(`${prefix(job.name)}${text}\n`);
  };
  return {
    jobStarted(job) {
      write(job, colors.bold('job started'));
    },
    jobFinished(record) {
      const paint = statusPaint(record.status, colors);
      const took = record.startedAt !== undefined && record.finishedAt !== undefined ? ` in ${formatDuration(record.finishedAt - record.startedAt)}` : '';
      const why = record.reason === undefined ? '' : colors.dim(` (${record.reason})`);
      const allowed = record.status === 'failure' && record.job.continueOnError ? colors.dim(' (continue-on-error)') : '';
      write(record.job, `${colors.bold('job')} ${paint(record.status)}${took}${allowed}${why}`);
    },
    log(job, line) {
      write(job, line.stream === 'system' ? colors.dim(line.text) : line.text);
    },
  };
}
