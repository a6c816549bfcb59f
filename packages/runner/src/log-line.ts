export type LogStream = 'stdout' | 'stderr' | 'system';

/** One line of a job's log, already masked. */
export interface LogLine {
  stream: LogStream;
  /** The line without its newline. */
  text: string;
  /** Milliseconds since the epoch, when the line was complete. */
  ts: number;
  stepId?: string;
  /** Byte offset of the line in the job's log (UTF-8, each line counted with one newline). */
  offset?: number;
}
