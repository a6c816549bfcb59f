import { describe, expect, it } from 'vitest';
import { bwrapArgs, type BwrapArgsInput } from './bwrap-args.js';

const input: BwrapArgsInput = {
  system: [{ path: '/usr' }, { path: '/bin', symlinkTo: 'usr/bin' }],
  etc: ['/etc/passwd'],
  readOnly: ['/opt/tools'],
  writable: ['/tmp/ws', '/tmp/job'],
  home: { source: '/tmp/job/home', target: '/root' },
  network: false,
  dropCapabilities: true,
  chdir: '/tmp/ws',
};

/** The index of the option `flag` followed by `values`. */
function find(args: string[], flag: string, ...values: string[]): number {
  return args.findIndex((a, i) => a === flag && values.every((v, j) => args[i + 1 + j] === v));
}

describe('bwrapArgs', () => {
  it('unshares everything but the network when it is allowed, and drops capabilities when asked', () => {
    const off = bwrapArgs(input);
    for (const flag of ['--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-net', '--die-with-parent']) expect(off).toContain(flag);
    expect(off).not.toContain('--new-session');
    expect(find(off, '--cap-drop', 'ALL')).toBeGreaterThanOrEqual(0);
    const on = bwrapArgs({ ...input, network: true, dropCapabilities: false });
    expect(on).not.toContain('--unshare-net');
    expect(on).not.toContain('--cap-drop');
  });

  it('binds the system read-only, recreates symlinks, and mounts writable paths over a fresh /tmp before the root turns read-only', () => {
    const args = bwrapArgs(input);
    expect(find(args, '--ro-bind', '/usr', '/usr')).toBeGreaterThanOrEqual(0);
    expect(find(args, '--symlink', 'usr/bin', '/bin')).toBeGreaterThanOrEqual(0);
    expect(find(args, '--ro-bind-try', '/etc/passwd', '/etc/passwd')).toBeGreaterThanOrEqual(0);
    expect(find(args, '--ro-bind-try', '/opt/tools', '/opt/tools')).toBeGreaterThanOrEqual(0);
    const tmp = find(args, '--tmpfs', '/tmp');
    const home = find(args, '--bind', '/tmp/job/home', '/root');
    const ws = find(args, '--bind', '/tmp/ws', '/tmp/ws');
    const job = find(args, '--bind', '/tmp/job', '/tmp/job');
    const readOnly = find(args, '--remount-ro', '/');
    expect(tmp).toBeGreaterThanOrEqual(0);
    expect([tmp < home, home < ws, ws < job, job < readOnly]).toEqual([true, true, true, true]);
    expect(args.slice(-2)).toEqual(['--chdir', '/tmp/ws']);
  });
});
