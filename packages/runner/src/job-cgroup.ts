import { access, mkdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { RitmoError, toError } from '@ritmo/shared';
import type { CgroupController, CgroupLayout } from './detect-cgroups.js';
import type { ResourceLimits } from './executor.js';

/** Child groups are created as `<hierarchy>/ritmo/<name>`. */
export const CGROUP_PARENT = 'ritmo';

const CPU_PERIOD_US = 100_000;

export interface JobCgroup {
  /** The `cgroup.procs` files a process writes its pid into to join the job's groups. */
  procsFiles: string[];
  /** The group directories (one per v1 controller, one on v2). */
  dirs: string[];
  /** Kills whatever is left in the groups and removes them. Never throws. */
  destroy(): Promise<void>;
}

/** The controllers `limits` needs. */
export function controllersFor(limits: ResourceLimits): CgroupController[] {
  const needed: CgroupController[] = [];
  if (limits.memoryBytes !== undefined) needed.push('memory');
  if (limits.cpus !== undefined) needed.push('cpu');
  if (limits.pids !== undefined) needed.push('pids');
  return needed;
}

/**
 * Creates the job's child cgroup(s) with the limits written. Throws ERR_RUNNER_CGROUP_UNAVAILABLE when
 * a needed controller is missing or the hierarchy is not writable, after removing what it created.
 */
export async function createJobCgroup(layout: CgroupLayout, name: string, limits: ResourceLimits): Promise<JobCgroup> {
  const needed = controllersFor(limits);
  const missing = needed.filter((c) => !layout.controllers.includes(c));
  if (missing.length > 0) {
    throw new RitmoError('ERR_RUNNER_CGROUP_UNAVAILABLE', `cgroup v${layout.version} under ${layout.root} lacks the ${missing.join(', ')} controller(s) needed for the job's limits`, {
      details: { root: layout.root, version: layout.version, missing },
    });
  }
  const dirs: string[] = [];
  const group: JobCgroup = {
    procsFiles: [],
    dirs,
    destroy: () => removeGroups(dirs, layout.version),
  };
  try {
    if (layout.version === 2) {
      const dir = join(layout.root, CGROUP_PARENT, name);
      await enableControllers(layout.root, needed);
      await mkdir(dirname(dir), { recursive: true });
      await enableControllers(dirname(dir), needed);
      await mkdir(dir);
      dirs.push(dir);
      await writeV2Limits(dir, limits);
    } else {
      for (const controller of needed) {
        const dir = join(layout.root, controller, CGROUP_PARENT, name);
        await mkdir(dir, { recursive: true });
        dirs.push(dir);
        await writeV1Limit(dir, controller, limits);
      }
    }
  } catch (e: unknown) {
    await group.destroy();
    const error = toError(e);
    throw new RitmoError('ERR_RUNNER_CGROUP_UNAVAILABLE', `Cannot set up a cgroup for the job's limits under ${layout.root}: ${error.message}`, {
      details: { root: layout.root, version: layout.version },
      cause: error,
    });
  }
  group.procsFiles.push(...dirs.map((d) => join(d, 'cgroup.procs')));
  return group;
}

async function enableControllers(dir: string, controllers: CgroupController[]): Promise<void> {
  await writeFile(join(dir, 'cgroup.subtree_control'), controllers.map((c) => `+${c}`).join(' '));
}

async function writeV2Limits(dir: string, limits: ResourceLimits): Promise<void> {
  if (limits.memoryBytes !== undefined) {
    await writeFile(join(dir, 'memory.max'), String(limits.memoryBytes));
    if (await exists(join(dir, 'memory.swap.max'))) await writeFile(join(dir, 'memory.swap.max'), '0');
  }
  if (limits.cpus !== undefined) await writeFile(join(dir, 'cpu.max'), `${cpuQuota(limits.cpus, CPU_PERIOD_US)} ${CPU_PERIOD_US}`);
  if (limits.pids !== undefined) await writeFile(join(dir, 'pids.max'), String(limits.pids));
}

async function writeV1Limit(dir: string, controller: CgroupController, limits: ResourceLimits): Promise<void> {
  if (controller === 'memory' && limits.memoryBytes !== undefined) {
    await writeFile(join(dir, 'memory.limit_in_bytes'), String(limits.memoryBytes));
    // With swap accounting on, swap counts too; without it the file is absent.
    await writeFile(join(dir, 'memory.memsw.limit_in_bytes'), String(limits.memoryBytes)).catch(() => undefined);
  } else if (controller === 'cpu' && limits.cpus !== undefined) {
    const period = Number(await readFile(join(dir, 'cpu.cfs_period_us'), 'utf8').catch(() => '')) || CPU_PERIOD_US;
    await writeFile(join(dir, 'cpu.cfs_quota_us'), String(cpuQuota(limits.cpus, period)));
  } else if (controller === 'pids' && limits.pids !== undefined) {
    await writeFile(join(dir, 'pids.max'), String(limits.pids));
  }
}

function cpuQuota(cpus: number, period: number): number {
  return Math.max(1000, Math.round(cpus * period));
}

/** SIGKILLs every process still in the groups, waits for them to leave, then removes the directories. */
async function removeGroups(dirs: string[], version: 1 | 2): Promise<void> {
  for (const dir of [...dirs].reverse()) {
    if (version === 2) await writeFile(join(dir, 'cgroup.kill'), '1').catch(() => undefined);
    for (let attempt = 0; attempt < 100; attempt++) {
      const pids = await readPids(join(dir, 'cgroup.procs'));
      if (pids.length === 0) break;
      for (const pid of pids) killQuietly(pid);
      await sleep(20);
    }
    await rmdir(dir).catch(() => undefined);
    // The shared parent goes once no job uses it; another job's group keeps it (ENOTEMPTY/EBUSY).
    await rmdir(dirname(dir)).catch(() => undefined);
  }
}

async function readPids(file: string): Promise<number[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(Number);
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
