import { lstat, readlink } from 'node:fs/promises';
import type { SystemEntry } from './bwrap-args.js';

/** Top-level system directories a step may read (whichever exist on the host). */
export const SYSTEM_DIRS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'] as const;

/** The parts of /etc programs need to run, resolve names and verify TLS; nothing else of /etc is visible. */
export const ETC_ENTRIES = [
  '/etc/passwd',
  '/etc/group',
  '/etc/hosts',
  '/etc/host.conf',
  '/etc/resolv.conf',
  '/etc/nsswitch.conf',
  '/etc/gai.conf',
  '/etc/services',
  '/etc/protocols',
  '/etc/ld.so.cache',
  '/etc/ld.so.conf',
  '/etc/ld.so.conf.d',
  '/etc/alternatives',
  '/etc/ssl',
  '/etc/ca-certificates',
  '/etc/pki',
  '/etc/localtime',
  '/etc/timezone',
  '/etc/os-release',
  '/etc/mime.types',
] as const;

/** How the host lays out the system directories: real directories are bound, symlinks recreated. */
export async function readSystemLayout(paths: readonly string[] = SYSTEM_DIRS): Promise<SystemEntry[]> {
  const entries: SystemEntry[] = [];
  for (const path of paths) {
    const info = await lstat(path).catch(() => undefined);
    if (info === undefined) continue;
    if (info.isSymbolicLink()) entries.push({ path, symlinkTo: await readlink(path) });
    else if (info.isDirectory()) entries.push({ path });
  }
  return entries;
}
