import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectCgroups } from './detect-cgroups.js';
import { createJobCgroup } from './job-cgroup.js';
import { tempDir } from './test-support.js';

// The real v1 hierarchies are exercised by the sandbox tests; these check the v2 file protocol on a
// directory tree laid out like /sys/fs/cgroup (this machine mounts v1).
describe('job cgroups on a directory tree laid out like /sys/fs/cgroup', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await dir.cleanup();
  });

  it('detects v2 by cgroup.controllers and writes the limits into ritmo/<name>', async () => {
    await writeFile(join(dir.path, 'cgroup.controllers'), 'cpuset cpu io memory hugetlb pids rdma\n');
    const layout = await detectCgroups(dir.path);
    expect(layout).toEqual({ version: 2, root: dir.path, controllers: ['memory', 'cpu', 'pids'] });

    const group = await createJobCgroup(layout!, 'build-1', { memoryBytes: 64 << 20, cpus: 1.5, pids: 32 });
    const groupDir = join(dir.path, 'ritmo', 'build-1');
    expect(group.procsFiles).toEqual([join(groupDir, 'cgroup.procs')]);
    const read = (path: string): Promise<string> => readFile(join(dir.path, path), 'utf8');
    expect(await read('cgroup.subtree_control')).toBe('+memory +cpu +pids');
    expect(await read('ritmo/cgroup.subtree_control')).toBe('+memory +cpu +pids');
    expect(await read('ritmo/build-1/memory.max')).toBe(String(64 << 20));
    expect(await read('ritmo/build-1/cpu.max')).toBe('150000 100000');
    expect(await read('ritmo/build-1/pids.max')).toBe('32');
    await group.destroy();
  });

  it('enables only the controllers the limits need', async () => {
    await writeFile(join(dir.path, 'cgroup.controllers'), 'cpu memory pids\n');
    const group = await createJobCgroup((await detectCgroups(dir.path))!, 'only-pids', { pids: 8 });
    expect(await readFile(join(dir.path, 'ritmo', 'cgroup.subtree_control'), 'utf8')).toBe('+pids');
    await group.destroy();
  });

  it('refuses with ERR_RUNNER_CGROUP_UNAVAILABLE when a controller is missing or the tree is not writable', async () => {
    await writeFile(join(dir.path, 'cgroup.controllers'), 'cpu pids\n');
    const layout = (await detectCgroups(dir.path))!;
    await expect(createJobCgroup(layout, 'x', { memoryBytes: 1 << 20 })).rejects.toMatchObject({
      code: 'ERR_RUNNER_CGROUP_UNAVAILABLE',
      details: { missing: ['memory'] },
    });
    // A file where the ritmo directory should go makes mkdir fail.
    await writeFile(join(dir.path, 'ritmo'), '');
    await expect(createJobCgroup(layout, 'x', { pids: 4 })).rejects.toMatchObject({ code: 'ERR_RUNNER_CGROUP_UNAVAILABLE' });
  });

  it('finds no layout where nothing is mounted, and v1 per controller directory', async () => {
    expect(await detectCgroups(join(dir.path, 'none'))).toBeUndefined();
    for (const controller of ['memory', 'pids']) {
      await mkdir(join(dir.path, controller));
      await writeFile(join(dir.path, controller, 'cgroup.procs'), '');
    }
    expect(await detectCgroups(dir.path)).toEqual({ version: 1, root: dir.path, controllers: ['memory', 'pids'] });
  });
});
