import type { PlanJob } from '@ritmo/pipeline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHostExecutor } from './host-executor.js';
import type { LogLine } from './log-line.js';
import { runJob } from './run-job.js';
import { collectLogs, isAlive, killPids, makeJob, makeStep, tempDir } from './test-support.js';

/** A step whose shell and two children ignore SIGTERM; it prints the children's pids, then its own. */
const STUBBORN = "trap '' TERM\nsleep 1000 &\necho $!\nsleep 1000 &\necho $!\necho $$\nwait";

describe('runJob timeouts and cancellation (host executor, real process trees)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  const pids: number[] = [];
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    killPids(pids.splice(0));
    await dir.cleanup();
  });

  const run = async (job: PlanJob, signal = new AbortController().signal, onLine?: (line: LogLine) => void) => {
    const logs = collectLogs();
    const result = await runJob({
      job,
      executor: createHostExecutor({ killGraceMs: 200, drainMs: 200 }),
      workspace: dir.path,
      context: {},
      signal,
      onLog: (line) => {
        logs.onLog(line);
        onLine?.(line);
      },
      killGraceMs: 300,
    });
    const printed = logs.lines.filter((l) => l.stream === 'stdout' && /^\d+$/.test(l.text)).map((l) => Number(l.text));
    pids.push(...printed);
    return { result, logs, printed };
  };

  it('times a step out: SIGTERM, then SIGKILL to a tree that ignores it, leaving no survivors', async () => {
    const job = makeJob([
      makeStep({ id: 'slow', run: STUBBORN, timeoutMs: 500 }),
      makeStep({ id: 'next', run: 'echo next' }),
      makeStep({ id: 'cleanup', run: 'echo cleanup', if: 'always()' }),
    ]);
    const { result, logs, printed } = await run(job);
    expect(printed).toHaveLength(3);
    for (const pid of printed) expect(isAlive(pid)).toBe(false);
    expect(result.status).toBe('failure');
    expect(result.timedOut).toBe(false);
    expect(result.steps.map((s) => [s.status, s.timedOut, s.exitCode])).toEqual([
      ['failure', true, 137],
      ['skipped', false, null],
      ['success', false, 0],
    ]);
    const system = logs.text('system');
    expect(system).toContain('Step timed out after 500ms; sending SIGTERM');
    expect(system).toContain('sending SIGKILL');
  });

  it('needs no SIGKILL when the step honors SIGTERM', async () => {
    const { result, logs } = await run(makeJob([makeStep({ id: 'slow', run: 'sleep 1000', timeoutMs: 300 })]));
    expect(result.steps[0]).toMatchObject({ status: 'failure', timedOut: true, exitCode: 143 });
    expect(logs.text('system')).not.toContain('SIGKILL');
  });

  it('times the job out, stopping the running step; only always() steps run afterwards', async () => {
    const job = makeJob(
      [
        makeStep({ id: 'slow', run: STUBBORN }),
        makeStep({ id: 'next', run: 'echo next' }),
        makeStep({ id: 'cleanup', run: 'echo "cleanup ${{ job.status }}"', if: 'always()' }),
      ],
      { timeoutMs: 500 },
    );
    const { result, logs, printed } = await run(job);
    for (const pid of printed) expect(isAlive(pid)).toBe(false);
    expect(result).toMatchObject({ status: 'failure', timedOut: true, exitCode: 137 });
    expect(result.steps.map((s) => [s.status, s.timedOut])).toEqual([
      ['failure', true],
      ['skipped', false],
      ['success', false],
    ]);
    expect(logs.text('system')).toContain('Job timed out after 500ms');
    expect(logs.text('stdout')).toContain('cleanup canceled');
  });

  it('cancels through the AbortSignal: the tree dies, the job is canceled, cancelled() steps run', async () => {
    const controller = new AbortController();
    const job = makeJob([
      makeStep({ id: 'work', run: STUBBORN }),
      makeStep({ id: 'next', run: 'echo next' }),
      makeStep({ id: 'on-cancel', run: 'echo on-cancel', if: 'cancelled()' }),
      makeStep({ id: 'on-failure', run: 'echo on-failure', if: 'failure()' }),
    ]);
    let seen = 0;
    const { result, logs, printed } = await run(job, controller.signal, (line) => {
      if (line.stepId === 'work' && line.stream === 'stdout' && ++seen === 3) controller.abort();
    });
    expect(printed).toHaveLength(3);
    for (const pid of printed) expect(isAlive(pid)).toBe(false);
    expect(result.status).toBe('canceled');
    expect(result.steps.map((s) => s.status)).toEqual(['canceled', 'skipped', 'success', 'skipped']);
    expect(logs.text('stdout').split('\n').slice(3)).toEqual(['on-cancel']);
    expect(logs.text('system')).toContain('Canceled; sending SIGTERM');
  });

  it('runs nothing but always() steps when canceled before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    const job = makeJob([makeStep({ id: 'a', run: 'echo a' }), makeStep({ id: 'b', run: 'echo b', if: 'always()' })]);
    const { result, logs } = await run(job, controller.signal);
    expect(result.status).toBe('canceled');
    expect(result.steps.map((s) => s.status)).toEqual(['skipped', 'success']);
    expect(logs.text('stdout')).toBe('b');
  });
});
