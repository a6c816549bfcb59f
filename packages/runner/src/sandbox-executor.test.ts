import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExecutorJob, ExecutorStep } from './executor.js';
import { createSandboxExecutor } from './sandbox-executor.js';
import { finishStep, readText } from './testing/finish-step.js';
import { findProcesses } from './testing/find-processes.js';
import { shouldTestWith } from './testing/should-test-with.js';
import { killPids, tempDir } from './test-support.js';

const signal = new AbortController().signal;

/** Interface names in a /proc/net/dev text. */
function interfaces(netDev: string): string[] {
  return netDev
    .split('\n')
    .slice(2)
    .map((line) => line.split(':')[0]!.trim())
    .filter((name) => name !== '')
    .sort();
}

describe.skipIf(!shouldTestWith('bwrap'))('sandbox executor (real bubblewrap)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let job: ExecutorJob;
  const executor = createSandboxExecutor({ killGraceMs: 300, drainMs: 200 });
  const step = (script: string, extra: Partial<ExecutorStep> = {}): ExecutorStep => ({
    id: 's',
    index: 1,
    name: 's',
    script,
    workingDirectory: job.workspace,
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/home/ritmo-test' },
    ...extra,
  });
  const run = async (script: string, extra: Partial<ExecutorStep> = {}) => finishStep(await executor.start(job, step(script, extra), signal));

  beforeEach(async () => {
    dir = await tempDir();
    job = { id: 'sandbox-job', name: 'j', workspace: join(dir.path, 'ws'), tempDir: join(dir.path, 'tmp'), services: [] };
  });
  afterEach(async () => {
    await executor.destroy(job);
    await dir.cleanup();
  });

  it('lets the step write the workspace and its temp dir, and nothing else of the host', async () => {
    await executor.setup(job, signal);
    const marker = `ritmo-sandbox-${process.pid}-${Date.now()}`;
    const result = await run(
      [
        'echo from-step > out.txt',
        'echo out > "$RITMO_OUTPUT"',
        'touch /usr/ritmo-x 2>/dev/null && echo usr-writable',
        'touch /etc/ritmo-x 2>/dev/null && echo etc-writable',
        'touch /ritmo-x 2>/dev/null && echo root-writable',
        `echo tmp > /tmp/${marker} && echo tmp-ok`,
        'test -e /work && echo sees-work',
        'test -e /etc/shadow && echo sees-shadow',
        'echo home > "$HOME/h" && echo home-ok',
        'pwd',
      ].join('\n'),
      { env: { PATH: '/usr/bin:/bin', HOME: '/home/ritmo-test', RITMO_OUTPUT: join(job.tempDir, 'output-1') } },
    );
    expect(result.stdout.trim().split('\n')).toEqual(['tmp-ok', 'home-ok', job.workspace]);
    expect(result.exitCode).toBe(0);
    expect(await readFile(join(job.workspace, 'out.txt'), 'utf8')).toBe('from-step\n');
    expect(await readFile(join(job.tempDir, 'output-1'), 'utf8')).toBe('out\n');
    // /tmp is the sandbox's own
    expect(existsSync(`/tmp/${marker}`)).toBe(false);
    // $HOME is private to the job and kept between its steps
    expect((await run('cat "$HOME/h"', { index: 2 })).stdout).toBe('home\n');
  });

  it('has no network but loopback unless the job allows it', async () => {
    await executor.setup(job, signal);
    const off = await run('cat /proc/net/dev');
    expect(interfaces(off.stdout)).toEqual(['lo']);

    const online: ExecutorJob = { ...job, id: 'sandbox-online', network: true };
    await executor.setup(online, signal);
    try {
      const on = finishStep(await executor.start(online, step('cat /proc/net/dev'), signal));
      expect(interfaces((await on).stdout)).toEqual(interfaces(readFileSync('/proc/net/dev', 'utf8')));
    } finally {
      await executor.destroy(online);
    }
  });

  it('runs the step in its own pid namespace: low pids, no host processes', async () => {
    await executor.setup(job, signal);
    const result = await run('echo $$\nls /proc | grep -c "^[0-9]"\ncat /proc/1/comm');
    const [pid, count, init] = result.stdout.trim().split('\n');
    expect(Number(pid)).toBeLessThan(10);
    expect(Number(count)).toBeLessThan(10);
    expect(init).toBe('bwrap');
  });

  it('gives SIGTERM to the processes inside (a trap runs), SIGKILL to the whole sandbox', async () => {
    await executor.setup(job, signal);
    const graceful = await executor.start(job, step("trap 'echo cleanup; exit 7' TERM\necho ready\nsleep 1000 &\nwait"), signal);
    const stdout = readText(graceful.stdout);
    const stderr = readText(graceful.stderr);
    await new Promise((r) => setTimeout(r, 300));
    graceful.kill('SIGTERM');
    expect((await graceful.wait()).exitCode).toBe(7);
    expect(await stdout).toBe('ready\ncleanup\n');
    await stderr;

    const token = `1000.${process.pid}${Date.now() % 100000}`;
    const stubborn = await executor.start(job, step(`trap '' TERM\nsleep ${token} &\nsleep ${token} &\necho started\nwait`), signal);
    const out = readText(stubborn.stdout);
    const err = readText(stubborn.stderr);
    try {
      while (findProcesses(token).length < 2) await new Promise((r) => setTimeout(r, 20));
      stubborn.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      expect(findProcesses(token)).toHaveLength(2);
      stubborn.kill('SIGKILL');
      expect((await stubborn.wait()).exitCode).toBe(137);
      await Promise.all([out, err]);
      expect(findProcesses(token)).toEqual([]);
    } finally {
      killPids(findProcesses(token));
    }
  });

  it('fails setup with ERR_RUNNER_SANDBOX_UNAVAILABLE when bwrap is missing', async () => {
    const missing = createSandboxExecutor({ bwrapPath: join(dir.path, 'no-such-bwrap') });
    await expect(missing.setup(job, signal)).rejects.toMatchObject({ code: 'ERR_RUNNER_SANDBOX_UNAVAILABLE' });
    await missing.destroy(job);
  });
});
