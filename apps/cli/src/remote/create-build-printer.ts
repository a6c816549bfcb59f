import { isFinalStatus, type Job, type LiveEvent } from '@ritmo/client';
import { formatDuration } from '@ritmo/shared';
import type { TextSink } from '../cli-deps.js';
import type { Colors } from '../output/colors.js';
import { createJobPrefixer } from '../output/job-prefixer.js';
import { statusPaint } from '../output/status-paint.js';

export interface BuildPrinterOptions {
  jobs: readonly Job[];
  out: TextSink;
  colors: Colors;
  /** Put the job's name before every line (a build's logs, as `ritmo run` does); off for one job's raw log. */
  prefix: boolean;
  /** Print a line when a job's status changes. */
  statuses: boolean;
}

/** Where the printer is in a job's log: the attempt and the byte offset printed up to. */
export interface LogPosition {
  attempt: number;
  offset: number;
}

export interface BuildPrinter {
  /** A live event of the build: job status changes and log text. */
  event(event: LiveEvent): void;
  /**
   * Log text holding bytes [offset, nextOffset) of a job attempt, from the stream or a REST read. Bytes
   * already printed are dropped, so repeats (a resumed stream, a final read) print nothing twice; a newer
   * attempt starts the job's log over.
   */
  log(jobId: string, attempt: number, offset: number, nextOffset: number, text: string): void;
  /** Starts a job's log at `offset` (after `--tail` printed the lines before it). */
  seek(jobId: string, position: LogPosition): void;
  position(jobId: string): LogPosition | undefined;
  /** Ends the lines still open in every log (a log whose last line has no line break). */
  flush(): void;
}

interface JobState extends LogPosition {
  name: string;
  status: string;
  /** The unterminated end of the log printed so far. */
  partial: string;
  runningSince: number | undefined;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Writes one build's live events as lines, each job's log once and in order (see BuildPrinter). */
export function createBuildPrinter(options: BuildPrinterOptions): BuildPrinter {
  const { out, colors } = options;
  const prefixer = createJobPrefixer(options.jobs.map((j) => j.name), colors);
  const states = new Map<string, JobState>();
  for (const j of options.jobs) {
    states.set(j.id, { name: j.name, status: j.status, attempt: j.attempt, offset: 0, partial: '', runningSince: j.startedAt === null ? undefined : Date.parse(j.startedAt) });
  }
  const state = (jobId: string, key = jobId): JobState => {
    let s = states.get(jobId);
    if (s === undefined) states.set(jobId, (s = { name: key, status: 'pending', attempt: 1, offset: 0, partial: '', runningSince: undefined }));
    return s;
  };
  const line = (s: JobState, text: string): void => {
    out.write(`${options.prefix ? prefixer(s.name) : ''}${text}\n`);
  };
  const endPartial = (s: JobState): void => {
    if (s.partial !== '') line(s, s.partial);
    s.partial = '';
  };

  const printer: BuildPrinter = {
    log(jobId, attempt, offset, nextOffset, text) {
      const s = state(jobId);
      if (attempt < s.attempt) return;
      if (attempt > s.attempt) {
        endPartial(s);
        Object.assign(s, { attempt, offset: 0 });
      }
      if (nextOffset <= s.offset) return;
      let fresh = text;
      if (offset < s.offset) {
        const bytes = encoder.encode(text);
        // Same length: the text is exactly those bytes, so it can be cut at a byte offset.
        if (bytes.length === nextOffset - offset) fresh = decoder.decode(bytes.subarray(s.offset - offset));
      } else if (offset > s.offset) {
        endPartial(s);
        line(s, colors.dim(`[log bytes ${s.offset}-${offset} not received]`));
      }
      s.offset = nextOffset;
      const parts = (s.partial + fresh).split('\n');
      s.partial = parts.pop() ?? '';
      for (const part of parts) line(s, part.endsWith('\r') ? part.slice(0, -1) : part);
    },
    seek(jobId, position) {
      Object.assign(state(jobId), position);
    },
    position: (jobId) => {
      const s = states.get(jobId);
      return s === undefined ? undefined : { attempt: s.attempt, offset: s.offset };
    },
    flush() {
      for (const s of states.values()) endPartial(s);
    },
    event(e) {
      if (e.type === 'log.lines') return printer.log(e.jobId, e.attempt, e.offset, e.nextOffset, e.text);
      if (e.type !== 'job.status') return;
      const s = state(e.jobId, e.key);
      if (e.attempt > s.attempt) {
        endPartial(s);
        Object.assign(s, { attempt: e.attempt, offset: 0, runningSince: undefined });
      }
      if (e.status === s.status) return;
      s.status = e.status;
      if (e.status === 'running') s.runningSince ??= Date.parse(e.at);
      if (isFinalStatus(e.status)) endPartial(s);
      if (!options.statuses || e.status === 'pending') return;
      line(s, describeStatus(e, s, colors));
    },
  };
  return printer;
}

function describeStatus(e: Extract<LiveEvent, { type: 'job.status' }>, s: JobState, colors: Colors): string {
  const paint = statusPaint(e.status, colors);
  const head = `${colors.bold('job')} ${paint(e.status)}`;
  const reason = e.reason === null ? '' : colors.dim(` (${e.reason})`);
  if (e.status === 'running') return `${head}${e.attempt > 1 ? colors.dim(` (attempt ${e.attempt})`) : ''}`;
  if (!isFinalStatus(e.status)) return `${head}${reason}`;
  const took = s.runningSince === undefined || e.status === 'skipped' ? '' : ` in ${formatDuration(Math.max(0, Date.parse(e.at) - s.runningSince))}`;
  const exit = e.status === 'failure' && e.exitCode !== null ? ` (exit ${e.exitCode})` : '';
  return `${head}${took}${exit}${reason}`;
}
