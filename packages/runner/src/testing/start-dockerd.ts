import { execFile, spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, rmdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { findProcesses } from './find-processes.js';

const SBIN_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface Dockerd {
  docker: Docker;
  socketPath: string;
  /** The daemon's private directory (data root, exec root, socket, log). */
  root: string;
  /** Removes every container and network, stops the daemon and whatever it started, deletes its files. */
  stop(): Promise<void>;
}

/**
 * Starts a private dockerd (Debian's docker.io) for a test file: its own data root, exec root and
 * socket under a short /tmp path, no iptables, no default bridge, and its own address pool so two
 * daemons never hand out the same subnet. Resolves once `/_ping` answers.
 */
export async function startDockerd(options: { timeoutMs?: number } = {}): Promise<Dockerd> {
  const root = await mkdtemp('/tmp/rd-');
  const socketPath = join(root, 'd.sock');
  await mkdir(join(root, 'data'));
  await mkdir(join(root, 'exec'));
  const logFile = join(root, 'dockerd.log');
  const log = openSync(logFile, 'a');
  const pool = `base=10.${100 + Math.floor(Math.random() * 150)}.0.0/16,size=24`;
  const cgroupParent = `/ritmo-test-${basename(root)}`;
  const child = spawn(
    'dockerd',
    [
      ...['--data-root', join(root, 'data'), '--exec-root', join(root, 'exec'), '--pidfile', join(root, 'd.pid')],
      ...['-H', `unix://${socketPath}`, '--iptables=false', '--ip-forward=false', '--bridge=none'],
      ...['--default-address-pool', pool, '--shutdown-timeout', '2', '--cgroup-parent', cgroupParent],
    ],
    { stdio: ['ignore', log, log], env: { ...process.env, PATH: `${process.env.PATH ?? ''}:${SBIN_PATH}` } },
  );
  closeSync(log);
  const exited = new Promise<string>((resolve) => {
    child.once('error', (e) => resolve(e.message));
    child.once('exit', (code, signal) => resolve(`exit code ${code ?? signal}`));
  });
  let done = false;
  void exited.then(() => (done = true));
  const docker = new Docker({ socketPath });
  const stop = (): Promise<void> => stopDockerd(docker, child.pid, exited, root, cgroupParent);

  const deadline = Date.now() + (options.timeoutMs ?? 45_000);
  for (;;) {
    if (await docker.ping().then(() => true, () => false)) return { docker, socketPath, root, stop };
    if (done || Date.now() > deadline) {
      const why = done ? `dockerd ended (${await exited})` : 'dockerd did not answer /_ping in time';
      const tail = readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
      await stop();
      throw new Error(`${why}; last log lines:\n${tail}`);
    }
    await sleep(100);
  }
}

async function stopDockerd(docker: Docker, pid: number | undefined, exited: Promise<string>, root: string, cgroupParent: string): Promise<void> {
  try {
    for (const c of await docker.listContainers({ all: true })) await docker.getContainer(c.Id).remove({ force: true });
    for (const n of await docker.listNetworks()) {
      if (!['bridge', 'host', 'none'].includes(n.Name)) await docker.getNetwork(n.Id).remove();
    }
  } catch {
    // the daemon may be gone already; the steps below still clean up
  }
  if (pid !== undefined) {
    killQuietly(pid, 'SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), sleep(20_000).then(() => false)]);
    if (!stopped) killQuietly(pid, 'SIGKILL');
    await exited;
  }
  // containerd and any shim it left run with paths under our root in their command lines.
  for (let i = 0; i < 50; i++) {
    const leftovers = findProcesses(`${root}/`);
    if (leftovers.length === 0) break;
    for (const p of leftovers) killQuietly(p, 'SIGKILL');
    await sleep(100);
  }
  await unmountUnder(root);
  await rm(root, { recursive: true, force: true });
  // The containers' cgroups lived under our own parent, in every hierarchy (v1) or the unified one.
  const hierarchies = await readdir('/sys/fs/cgroup').catch(() => []);
  for (const dir of ['/sys/fs/cgroup', ...hierarchies.map((h) => join('/sys/fs/cgroup', h))]) {
    await rmdir(join(dir, cgroupParent)).catch(() => undefined);
  }
}

async function unmountUnder(root: string): Promise<void> {
  const mounts = (await readFile('/proc/self/mountinfo', 'utf8'))
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((point): point is string => point !== undefined && point.startsWith(`${root}/`))
    .reverse();
  for (const point of mounts) await promisify(execFile)('umount', ['-l', point]).catch(() => undefined);
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}
