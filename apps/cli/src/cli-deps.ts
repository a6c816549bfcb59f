/** Where a command writes text; `process.stdout` fits, and so does an in-memory collector in tests. */
export interface TextSink {
  write(chunk: string): unknown;
  /** True when the sink is a terminal (enables colors unless NO_COLOR is set). */
  isTTY?: boolean;
}

/** Where a command reads piped input (`ritmo secrets set NAME < file`); `process.stdin` fits. */
export interface InputSource extends AsyncIterable<string | Buffer> {
  isTTY?: boolean;
}

/** Everything a command touches outside its arguments, passed in so tests can run commands in-process. */
export interface CliDeps {
  stdout: TextSink;
  stderr: TextSink;
  /** Standard input, for commands that read a value from it; absent means none. */
  stdin?: InputSource;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Aborted on Ctrl-C; long-running commands stop their work and report `canceled`. */
  signal: AbortSignal;
  /** Logical CPU count, the default for `--max-parallel`. */
  cpuCount?: number;
}
