import type { PlanJob } from '@ritmo/pipeline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogLine } from './log-line.js';
import { runJob } from './run-job.js';
import { createSandboxExecutor } from './sandbox-executor.js';
import { findProcesses } from './testing/find-processes.js';
import { shouldTestWith } from './testing/should-test-with.js';
import { collectLogs, killPids, makeJob, makeStep, tempDir } from './test-support.js';

/** A step whose shell and two children ignore SIGTERM; `token` marks its processes on the host. */
const stubborn = (token: string): string => `trap '' TERM\nsleep ${token} &\nsleep ${token} &\necho started\nwait`;

describe.skipIf(!shouldTestWith('bwrap'))('runJob timeouts and cancellation (sandbox executor)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let token: string;
  let counter = 0;
  beforeEach(async () => {
    dir = await tempDir();
    token = `1000.${process.pid}${++counter}`;
  });
  afterEach(async () => {
    killPids(findProcesses(token));
    await dir.cleanup();
  });

  const run = async (job: PlanJob, signal = new AbortController().signal, onLine?: (line: LogLine) => void) => {
    const logs = collectLogs();
    const result = await runJob({
      job,
      executor: createSandboxExecutor({ killGraceMs: 200, drainMs: 200 }),
      workspace: dir.path,
      context: {},
      signal,
      onLog: (line) => {
        logs.onLog(line);
        onLine?.(line);
      },
      killGraceMs: 300,
    });
    return { result, logs };
  };

  it('times a step out: SIGTERM, then SIGKILL to a sandboxed tree that ignores it, leaving no survivors', async () => {
    let seen = 0;
    const watch = setInterval(() => (seen = Math.max(seen, findProcesses(token).length)), 20);
    const job = makeJob([makeStep({ id: 'slow', run: stubborn(token), timeoutMs: 1000 }), makeStep({ id: 'after', run: 'echo after', if: 'always()' })]);
    const { result, logs } = await run(job).finally(() => clearInterval(watch));
    expect(seen).toBe(2);
    expect(findProcesses(token)).toEqual([]);
    expect(result.steps.map((s) => [s.status, s.timedOut, s.exitCode])).toEqual([
      ['failure', true, 137],
      ['success', false, 0],
    ]);
    expect(logs.text('system')).toContain('sending SIGKILL');
  });

  it('cancels through the AbortSignal: the sandboxed tree dies and the job is canceled', async () => {
    const controller = new AbortController();
    const job = makeJob([makeStep({ id: 'work', run: stubborn(token) }), makeStep({ id: 'next', run: 'echo next' })]);
    const { result } = await run(job, controller.signal, (line) => {
      if (line.text === 'started') controller.abort();
    });
    expect(findProcesses(token)).toEqual([]);
    expect(result.status).toBe('canceled');
    expect(result.steps.map((s) => s.status)).toEqual(['canceled', 'skipped']);
  });
});
