import { readdirSync, readFileSync } from 'node:fs';

/** Pids of the live processes in process group `pgid`, from /proc (zombies left out: they hold nothing). */
export function listGroupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the command (which may contain spaces and parentheses): state ppid pgrp ...
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z') members.push(Number(name));
  }
  return members;
}

/**
 * Signals each member of a process group except `except`. Used where the group leader must outlive
 * the signal: bubblewrap dies on SIGTERM and takes the sandbox down with it at once, while the
 * processes inside deserve their grace period. Returns how many processes were signalled.
 */
export function signalGroupMembers(pgid: number, signal: NodeJS.Signals, except: number): number {
  let count = 0;
  for (const pid of listGroupMembers(pgid)) {
    if (pid === except) continue;
    try {
      process.kill(pid, signal);
      count++;
    } catch {
      // exited meanwhile, or not ours to signal
    }
  }
  return count;
}
