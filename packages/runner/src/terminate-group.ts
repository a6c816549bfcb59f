import { setTimeout as sleep } from 'node:timers/promises';
import { toError } from '@ritmo/shared';

/**
 * Signals every process of a process group (a step started detached leads its own group, so its
 * children, grandchildren and background jobs share its pgid). Works after the leader exited as long
 * as any member remains. Returns false when the group no longer exists.
 */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (e: unknown) {
    const code = (toError(e) as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') return false;
    // EPERM: a member changed its credentials (setuid); nothing more we can do for it.
    if (code === 'EPERM') return true;
    throw toError(e);
  }
}

export function isGroupAlive(pgid: number): boolean {
  return signalGroup(pgid, 0);
}

/**
 * SIGTERM to the group, then SIGKILL once `graceMs` passed and anything is still there. Resolves when
 * the group is gone or SIGKILL was sent.
 */
export async function terminateGroup(pgid: number, graceMs: number): Promise<void> {
  if (!signalGroup(pgid, 'SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await sleep(Math.min(50, Math.max(1, deadline - Date.now())));
    if (!isGroupAlive(pgid)) return;
  }
  signalGroup(pgid, 'SIGKILL');
}
