import { rm } from 'node:fs/promises';
import { descendants } from './proc-stats.mjs';

const alive = (proc) => proc.child.exitCode === null && proc.child.signalCode === null;

function kill(pid) {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Everything the harness started: processes (stopped by PID, with whatever they started themselves),
 * temporary directories and databases. `run` undoes all of it and may be called more than once.
 */
export function createCleanup() {
  const procs = new Set();
  const dirs = new Set();
  const finalizers = [];
  return {
    track(proc) {
      procs.add(proc);
      return proc;
    },
    /** Stops one process now by PID (SIGKILL, its descendants first) and forgets it. */
    async kill(proc) {
      procs.delete(proc);
      if (!alive(proc)) return;
      for (const pid of descendants(proc.pid).reverse()) kill(pid);
      kill(proc.pid);
      await proc.exited;
    },
    forget: (proc) => procs.delete(proc),
    dir(path) {
      dirs.add(path);
      return path;
    },
    /** Runs `fn` at clean-up (after every process is stopped), e.g. to drop a database. */
    later(fn) {
      finalizers.push(fn);
    },
    async run() {
      const all = [...procs];
      procs.clear();
      for (const proc of all) {
        if (!alive(proc)) continue;
        for (const pid of descendants(proc.pid).reverse()) kill(pid);
        kill(proc.pid);
      }
      await Promise.all(all.map((p) => Promise.race([p.exited, new Promise((r) => setTimeout(r, 5000))])));
      const errors = [];
      for (const fn of finalizers.splice(0).reverse()) {
        try {
          await fn();
        } catch (e) {
          errors.push(e instanceof Error ? e.message : String(e));
        }
      }
      for (const dir of [...dirs]) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
      dirs.clear();
      return errors;
    },
  };
}
