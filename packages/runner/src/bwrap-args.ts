/** A top-level system path as the host has it: a directory, or a symlink (merged /usr: `/bin -> usr/bin`). */
export interface SystemEntry {
  path: string;
  /** Set when the host path is a symlink; the sandbox gets the same symlink. */
  symlinkTo?: string;
}

export interface BwrapArgsInput {
  /** Bound read-only (or recreated as symlinks). */
  system: SystemEntry[];
  /** Files and directories under /etc bound read-only when they exist. */
  etc: string[];
  /** More host paths bound read-only when they exist (tool caches, /opt, ...). */
  readOnly: string[];
  /** Bound read-write at the same path: the workspace and the job's temp dir. */
  writable: string[];
  /** A private writable directory mounted as the step's home. */
  home?: { source: string; target: string };
  /** Keep the host's network namespace; otherwise the step sees only a loopback device. */
  network: boolean;
  /** Drop every capability (needed when the runner is root: bwrap keeps them by default). */
  dropCapabilities: boolean;
  /** Absolute directory the command starts in. */
  chdir?: string;
}

/**
 * The bubblewrap options for one step, up to (not including) `--` and the command. New pid, ipc, uts,
 * mount and (unless allowed) net namespaces; a read-only root with the system directories bound
 * read-only, fresh /proc, /dev and /tmp; only the given writable paths can be written.
 *
 * The sandbox keeps the caller's session and process group (no `--new-session`), so signalling the
 * group from outside reaches every process inside; `--die-with-parent` takes the sandbox down with bwrap.
 */
export function bwrapArgs(input: BwrapArgsInput): string[] {
  const args = ['--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try', '--die-with-parent'];
  if (!input.network) args.push('--unshare-net');
  if (input.dropCapabilities) args.push('--cap-drop', 'ALL');
  for (const entry of input.system) {
    if (entry.symlinkTo === undefined) args.push('--ro-bind', entry.path, entry.path);
    else args.push('--symlink', entry.symlinkTo, entry.path);
  }
  for (const path of input.etc) args.push('--ro-bind-try', path, path);
  for (const path of input.readOnly) args.push('--ro-bind-try', path, path);
  args.push('--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp');
  if (input.home !== undefined) args.push('--bind', input.home.source, input.home.target);
  for (const path of input.writable) args.push('--bind', path, path);
  // Everything else in the new root (mount points bwrap created) becomes read-only.
  args.push('--remount-ro', '/');
  if (input.chdir !== undefined) args.push('--chdir', input.chdir);
  return args;
}
