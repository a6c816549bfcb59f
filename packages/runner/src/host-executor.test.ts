import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExecutorJob, ExecutorStep, StepProcess } from './executor.js';
import { createHostExecutor } from './host-executor.js';
import { isAlive, killPids, tempDir } from './test-support.js';

async function readAll(source: AsyncIterable<Uint8Array>): Promise<string> {
  let text = '';
  for await (const chunk of source) text += Buffer.from(chunk).toString();
  return text;
}

async function finish(proc: StepProcess): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const [exit, stdout, stderr] = await Promise.all([proc.wait(), readAll(proc.stdout), readAll(proc.stderr)]);
  return { exitCode: exit.exitCode, stdout, stderr };
}

describe('host executor', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let job: ExecutorJob;
  const pids: number[] = [];
  const signal = new AbortController().signal;
  const executor = createHostExecutor({ killGraceMs: 200, drainMs: 200 });
  const step = (script: string, extra: Partial<ExecutorStep> = {}): ExecutorStep => ({
    id: 's',
    index: 1,
    name: 's',
    script,
    workingDirectory: job.workspace,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    ...extra,
  });

  beforeEach(async () => {
    dir = await tempDir();
    job = { id: 'j', name: 'j', workspace: join(dir.path, 'ws'), tempDir: join(dir.path, 'tmp'), services: [] };
    await executor.setup(job, signal);
  });
  afterEach(async () => {
    await executor.destroy(job);
    killPids(pids.splice(0));
    await dir.cleanup();
  });

  it('runs the script with bash -eo pipefail in the workspace and reports the exit code', async () => {
    const proc = await executor.start(job, step('pwd\necho err >&2\ntrue | true\necho "[$FOO]"\nfalse | true\necho unreachable'), signal);
    const result = await finish(proc);
    expect(result).toEqual({ exitCode: 1, stdout: `${job.workspace}\n[]\n`, stderr: 'err\n' });
  });

  it('runs sh, python and custom shells', async () => {
    expect(await finish(await executor.start(job, step('echo "sh $0"; exit 4', { shell: 'sh' }), signal))).toMatchObject({
      exitCode: 4,
    });
    const py = await finish(await executor.start(job, step('import sys\nprint("py", 6 * 7)\nsys.exit(2)', { shell: 'python' }), signal));
    expect(py).toMatchObject({ exitCode: 2, stdout: 'py 42\n' });
    const custom = await finish(await executor.start(job, step('echo custom', { shell: 'bash -x {0}' }), signal));
    expect(custom).toMatchObject({ exitCode: 0, stdout: 'custom\n', stderr: '+ echo custom\n' });
  });

  it('reports a signal death as 128 + signal number', async () => {
    const result = await finish(await executor.start(job, step('kill -9 $$'), signal));
    expect(result.exitCode).toBe(137);
  });

  it('fails to start with ERR_RUNNER_SPAWN_FAILED for a missing shell or working directory', async () => {
    await expect(executor.start(job, step('true', { shell: 'no-such-shell-xyz {0}' }), signal)).rejects.toMatchObject({
      code: 'ERR_RUNNER_SPAWN_FAILED',
    });
    await expect(executor.start(job, step('true', { workingDirectory: join(job.workspace, 'missing') }), signal)).rejects.toMatchObject({
      code: 'ERR_RUNNER_SPAWN_FAILED',
    });
  });

  it('signals the whole tree: processes that ignore SIGTERM survive it and die on SIGKILL', async () => {
    const proc = await executor.start(job, step("trap '' TERM\nsleep 1000 &\necho $!\nsleep 1000 &\necho $!\nwait"), signal);
    const children: number[] = [];
    const stdout = (async () => {
      for await (const chunk of proc.stdout) children.push(...Buffer.from(chunk).toString().trim().split('\n').map(Number));
    })();
    const stderr = readAll(proc.stderr);
    while (children.length < 2) await new Promise((r) => setTimeout(r, 20));
    pids.push(...children);
    proc.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    for (const pid of [proc.pid!, ...children]) expect(isAlive(pid)).toBe(true);
    proc.kill('SIGKILL');
    const exit = await proc.wait();
    await Promise.all([stdout, stderr]);
    expect(exit.exitCode).toBe(137);
    for (const pid of [proc.pid!, ...children]) expect(isAlive(pid)).toBe(false);
  });

  it('ends a step whose leader exited by killing children that keep its output open', async () => {
    const proc = await executor.start(job, step("trap '' TERM; sleep 1000 & echo $!; exit 3"), signal);
    const result = await finish(proc);
    const child = Number(result.stdout.trim());
    pids.push(child);
    expect(result.exitCode).toBe(3);
    expect(isAlive(child)).toBe(false);
  });

  it('ends a step even when a process escaped its group (setsid) and holds the output', async () => {
    const result = await finish(await executor.start(job, step('setsid sleep 1000 &\necho $!'), signal));
    const escaped = Number(result.stdout.trim());
    pids.push(escaped);
    expect(result.exitCode).toBe(0);
    expect(escaped).toBeGreaterThan(0);
  });

  it('keeps a detached background process for later steps and kills it on destroy', async () => {
    const result = await finish(await executor.start(job, step('sleep 1000 > /dev/null 2>&1 &\necho $!'), signal));
    const server = Number(result.stdout.trim());
    pids.push(server);
    expect(isAlive(server)).toBe(true);
    await executor.destroy(job);
    expect(isAlive(server)).toBe(false);
  });
});
