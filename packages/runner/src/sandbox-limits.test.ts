import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectCgroups } from './detect-cgroups.js';
import type { ExecutorJob, ExecutorStep, ResourceLimits } from './executor.js';
import { createSandboxExecutor } from './sandbox-executor.js';
import { finishStep, readText } from './testing/finish-step.js';
import { shouldTestWith } from './testing/should-test-with.js';
import { tempDir } from './test-support.js';

const signal = new AbortController().signal;
/** Writing cgroups needs root (or a delegated subtree); so does this test. */
const layout = await detectCgroups();

/** The cgroup path of `pid` in the v1 hierarchy of `controller` (or the v2 one). */
function cgroupOf(pid: number, controller: string): string {
  const lines = readFileSync(`/proc/${pid}/cgroup`, 'utf8').trim().split('\n');
  const line = lines.find((l) => l.split(':')[1]!.split(',').includes(controller)) ?? lines.find((l) => l.startsWith('0::'));
  return line!.split(':').slice(2).join(':');
}

describe.skipIf(!shouldTestWith('bwrap') || layout === undefined || process.getuid?.() !== 0)('sandbox executor limits (real cgroups)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let job: ExecutorJob;
  const executor = createSandboxExecutor({ killGraceMs: 300, drainMs: 200 });
  const step = (script: string, extra: Partial<ExecutorStep> = {}): ExecutorStep => ({
    id: 's',
    index: 1,
    name: 's',
    script,
    workingDirectory: job.workspace,
    env: { PATH: '/usr/bin:/bin' },
    ...extra,
  });
  const withLimits = async (limits: ResourceLimits): Promise<void> => {
    job = { ...job, limits };
    await executor.setup(job, signal);
  };

  beforeEach(async () => {
    dir = await tempDir();
    job = { id: 'limits/job 1', name: 'j', workspace: join(dir.path, 'ws'), tempDir: join(dir.path, 'tmp'), services: [] };
  });
  afterEach(async () => {
    await executor.destroy(job);
    await dir.cleanup();
  });

  it('kills a step that allocates past its memory limit', async () => {
    await withLimits({ memoryBytes: 64 * 1024 * 1024 });
    // tail keeps all of a newline-free input in memory
    const big = await finishStep(await executor.start(job, step('head -c 400M /dev/zero | tail\necho survived'), signal));
    expect(big.exitCode).toBe(137);
    expect(big.stdout).not.toContain('survived');
    const small = await finishStep(await executor.start(job, step('head -c 8M /dev/zero | tail | wc -c', { index: 2 }), signal));
    expect(small).toMatchObject({ exitCode: 0, stdout: `${8 * 1024 * 1024}\n` });
  });

  it('stops a fork loop at the pids limit', async () => {
    await withLimits({ pids: 16 });
    const script = 'i=0\nwhile [ $i -lt 60 ]; do sleep 30 & i=$((i + 1)); echo $i; done';
    const result = await finishStep(await executor.start(job, step(script, { shell: 'sh' }), signal));
    const started = result.stdout.trim().split('\n').map(Number);
    expect(result.exitCode).not.toBe(0);
    expect(started.length).toBeLessThan(16);
    expect(result.stderr).toMatch(/fork/i);
  });

  it('puts the step into a cgroup with the CPU quota, and removes the cgroup on destroy', async () => {
    await withLimits({ cpus: 0.5, pids: 100 });
    const proc = await executor.start(job, step('echo ready\nsleep 1000'), signal);
    const lines = proc.stdout[Symbol.asyncIterator]();
    expect(Buffer.from((await lines.next()).value as Uint8Array).toString()).toBe('ready\n');
    const stdout = readText({ [Symbol.asyncIterator]: () => lines });
    const stderr = readText(proc.stderr);
    const cpuGroup = cgroupOf(proc.pid!, 'cpu');
    const pidsGroup = cgroupOf(proc.pid!, 'pids');
    expect(cpuGroup).toMatch(/\/ritmo\/limits_job_1-[0-9a-f]{8}$/);
    const cpuDir = layout!.version === 1 ? join(layout!.root, 'cpu', cpuGroup) : join(layout!.root, cpuGroup);
    const pidsDir = layout!.version === 1 ? join(layout!.root, 'pids', pidsGroup) : join(layout!.root, pidsGroup);
    if (layout!.version === 1) {
      const period = Number(readFileSync(join(cpuDir, 'cpu.cfs_period_us'), 'utf8'));
      expect(Number(readFileSync(join(cpuDir, 'cpu.cfs_quota_us'), 'utf8'))).toBe(period / 2);
    } else {
      expect(readFileSync(join(cpuDir, 'cpu.max'), 'utf8').trim()).toBe('50000 100000');
    }
    expect(readFileSync(join(pidsDir, 'pids.max'), 'utf8').trim()).toBe('100');

    // destroy() stops what is left: SIGTERM first, which the sleeping step does not trap
    await executor.destroy(job);
    expect((await proc.wait()).exitCode).toBe(143);
    await Promise.all([stdout, stderr]);
    expect(existsSync(cpuDir)).toBe(false);
    expect(existsSync(pidsDir)).toBe(false);
  });

  it('fails setup with ERR_RUNNER_CGROUP_UNAVAILABLE when limits are asked for and no cgroup is writable', async () => {
    const noCgroups = createSandboxExecutor({ cgroupRoot: join(dir.path, 'no-cgroups') });
    await expect(noCgroups.setup({ ...job, limits: { memoryBytes: 1 << 26 } }, signal)).rejects.toMatchObject({
      code: 'ERR_RUNNER_CGROUP_UNAVAILABLE',
    });
    // Without limits the same executor needs no cgroup.
    await noCgroups.setup(job, signal);
    expect((await finishStep(await noCgroups.start(job, step('echo ok'), signal))).stdout).toBe('ok\n');
    await noCgroups.destroy(job);
  });
});
