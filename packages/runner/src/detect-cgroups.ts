import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The controllers resource limits use. */
export type CgroupController = 'memory' | 'cpu' | 'pids';

/**
 * How cgroups are mounted: v2 is one unified hierarchy at `root`; v1 has one hierarchy per
 * controller at `root/<controller>`.
 */
export type CgroupLayout =
  | { version: 2; root: string; controllers: CgroupController[] }
  | { version: 1; root: string; controllers: CgroupController[] };

const CONTROLLERS: readonly CgroupController[] = ['memory', 'cpu', 'pids'];

/**
 * Finds the cgroup layout under `root` (`/sys/fs/cgroup`): v2 when `cgroup.controllers` is there,
 * otherwise v1 hierarchies for the controllers we use. Undefined when neither is mounted.
 */
export async function detectCgroups(root = '/sys/fs/cgroup'): Promise<CgroupLayout | undefined> {
  const unified = await readFile(join(root, 'cgroup.controllers'), 'utf8').catch(() => undefined);
  if (unified !== undefined) {
    const available = new Set(unified.trim().split(/\s+/));
    return { version: 2, root, controllers: CONTROLLERS.filter((c) => available.has(c)) };
  }
  const controllers: CgroupController[] = [];
  for (const controller of CONTROLLERS) {
    if (await exists(join(root, controller, 'cgroup.procs'))) controllers.push(controller);
  }
  return controllers.length === 0 ? undefined : { version: 1, root, controllers };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
