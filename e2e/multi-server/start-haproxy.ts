// Debian's haproxy with the operators' config from deploy/haproxy, in front of server instances on loopback.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT } from '../support/processes.mjs';

export const HAPROXY_CONFIG = join(ROOT, 'deploy', 'haproxy', 'haproxy.cfg');

export interface Balancer {
  url: string;
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

/** A loopback port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * Starts haproxy in the foreground on `port` with the two servers as its backends, and waits until
 * it answers /readyz through them. Stopped by PID.
 */
export async function startHaproxy(port: number, servers: readonly [string, string]): Promise<Balancer> {
  const hostPort = (url: string): string => new URL(url).host;
  const child = spawn('haproxy', ['-db', '-f', HAPROXY_CONFIG], {
    env: {
      PATH: `${process.env.PATH ?? ''}:/usr/sbin:/sbin`,
      RITMO_LB_BIND: `127.0.0.1:${port}`,
      RITMO_SERVER_1: hostPort(servers[0]),
      RITMO_SERVER_2: hostPort(servers[1]),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.pid === undefined) throw new Error('could not start haproxy');
  const pid = child.pid;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    process.kill(pid, 'SIGKILL');
    await exited;
  };
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    const ready = await fetch(`${url}/readyz`).then((r) => r.status === 200, () => false);
    if (ready) return { url, pid, output: () => out, stop };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await stop();
  throw new Error(`haproxy did not come up:\n${out}`);
}
