import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startNode } from '../../../e2e/support/processes.mjs';
import { createCleanup } from './create-cleanup.mjs';

/** Running, that is: exists and is not a zombie waiting for its new parent to reap it. */
const alive = (pid: number): boolean => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};

describe('createCleanup', () => {
  it('stops tracked processes and what they started, removes directories and runs finalizers', async () => {
    const cleanup = createCleanup();
    const dir = cleanup.dir(await mkdtemp(join(tmpdir(), 'ritmo-bench-cleanup-')));
    const pidFile = join(dir, 'child.pid');
    // A node process that starts a long sleep and writes down its PID.
    const script = `const c = require('node:child_process').spawn('sleep', ['60'], { stdio: 'ignore' }); require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(c.pid)); setInterval(() => {}, 1000);`;
    const proc = startNode('-e', [script], {}, { onStart: (p) => cleanup.track(p) });
    for (let i = 0; i < 200 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 25));
    const grandchild = Number(await readFile(pidFile, 'utf8'));
    expect(alive(grandchild)).toBe(true);
    let finalized = false;
    cleanup.later(() => {
      finalized = true;
    });

    expect(await cleanup.run()).toEqual([]);
    expect(await proc.exited).toBe('SIGKILL');
    for (let i = 0; i < 40 && alive(grandchild); i++) await new Promise((r) => setTimeout(r, 25));
    expect(alive(grandchild)).toBe(false);
    expect(existsSync(dir)).toBe(false);
    expect(finalized).toBe(true);
  });
});
