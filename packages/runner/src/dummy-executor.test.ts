import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createExecutor } from './create-executor.js';
import type { PlanJob } from '@ritmo/pipeline';
import { runJob } from './run-job.js';
import { collectLogs, makeJob, makeStep, tempDir } from './test-support.js';

describe('dummy executor', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => dir.cleanup());

  const run = async (job: PlanJob, signal = new AbortController().signal) => {
    const logs = collectLogs();
    const result = await runJob({ job, executor: createExecutor('dummy'), workspace: dir.path, context: {}, signal, onLog: logs.onLog, killGraceMs: 100 });
    return { result, logs };
  };

  it('prints lines, text and stderr, writes outputs and exits as its env says', async () => {
    const job = makeJob([
      makeStep({ id: 'a', run: 'ignored', env: { DUMMY_LINES: '3', DUMMY_OUTPUT: 'hello\nworld', DUMMY_STDERR: 'oops', DUMMY_RITMO_OUTPUT: 'k=v' } }),
      makeStep({ id: 'b', run: 'ignored', env: { DUMMY_EXIT_CODE: '${{ steps.a.outputs.k == \'v\' && 7 || 0 }}' } }),
    ]);
    const { result, logs } = await run(job);
    expect(logs.text('stdout')).toBe('line 1\nline 2\nline 3\nhello\nworld');
    expect(logs.text('stderr')).toBe('oops');
    expect(result.steps[0]?.outputs).toEqual({ k: 'v' });
    expect(result).toMatchObject({ status: 'failure', exitCode: 7 });
  });

  it('sleeps, and is cut short by a timeout; SIGKILL ends one that ignores SIGTERM', async () => {
    const job = makeJob([
      makeStep({ id: 'polite', run: 'x', timeoutMs: 50, continueOnError: true, env: { DUMMY_SLEEP_MS: '60000' } }),
      makeStep({ id: 'stubborn', run: 'x', timeoutMs: 50, env: { DUMMY_SLEEP_MS: '60000', DUMMY_IGNORE_TERM: 'true' } }),
    ]);
    const { result, logs } = await run(job);
    expect(result.steps.map((s) => [s.status, s.timedOut, s.exitCode])).toEqual([
      ['failure', true, 143],
      ['failure', true, 137],
    ]);
    expect(logs.lines.filter((l) => l.text.includes('SIGKILL')).map((l) => l.stepId)).toEqual(['stubborn']);
  });

  it('honors cancellation', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { result } = await run(makeJob([makeStep({ id: 'a', run: 'x', env: { DUMMY_SLEEP_MS: '60000' } })]), controller.signal);
    expect(result.status).toBe('canceled');
    expect(result.steps[0]).toMatchObject({ status: 'canceled', exitCode: 143 });
  });
});

describe('createExecutor', () => {
  it('knows host, sandbox, docker and dummy and refuses others with ERR_RUNNER_UNKNOWN_EXECUTOR', () => {
    expect(createExecutor('host').name).toBe('host');
    expect(createExecutor('sandbox').name).toBe('sandbox');
    expect(createExecutor('docker').name).toBe('docker');
    expect(createExecutor('dummy').name).toBe('dummy');
    expect(() => createExecutor('kubernetes')).toThrow(expect.objectContaining({ code: 'ERR_RUNNER_UNKNOWN_EXECUTOR' }));
  });
});
