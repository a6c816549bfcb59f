import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
export const paths = {
  repo,
  server: join(repo, 'apps/server/dist/main.js'),
  agent: join(repo, 'apps/agent/dist/main.js'),
  web: join(repo, 'apps/web/dist'),
  screenshots: join(repo, 'docs/screenshots'),
};

export const ADMIN_TOKEN = 'ritmo_e2e_web_admin_token_0123456789';
export const ADMIN_PASSWORD = 'e2e-admin-password';

export interface Stack {
  url: string;
  dataDir: string;
  /** Calls the API as the admin (bearer token). */
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function collect(child: ChildProcess, into: string[]): void {
  const push = (b: Buffer): void => {
    into.push(b.toString());
    if (into.length > 400) into.splice(0, into.length - 400);
  };
  child.stdout?.on('data', push);
  child.stderr?.on('data', push);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number, output: string[]): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms; output:\n${output.join('').slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A real Ritmo server process on a random loopback port with a temporary data directory, serving the
 * built web UI, and one real agent process (host executor) registered with it.
 */
export async function startStack(options: { agentCapacity?: number } = {}): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ritmo-e2e-web-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const server = spawn(process.execPath, [paths.server], {
    env: {
      ...process.env,
      RITMO_PORT: String(port),
      RITMO_HOST: '127.0.0.1',
      RITMO_DATA_DIR: join(dataDir, 'server'),
      RITMO_ADMIN_TOKEN: ADMIN_TOKEN,
      RITMO_ADMIN_PASSWORD: ADMIN_PASSWORD,
      RITMO_WEB_DIR: paths.web,
      RITMO_LOG_LEVEL: 'warn',
      RITMO_DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  collect(server, output);
  const processes: ChildProcess[] = [server];
  const api = async <T,>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const stop = async (): Promise<void> => {
    for (const p of processes.reverse()) await stopProcess(p);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor('the server answering /healthz', async () => ((await fetch(`${url}/healthz`)).ok ? true : undefined), 30_000, output);
    const registration = await api<{ token: string }>('POST', '/api/v1/agent-tokens', { name: 'e2e' });
    const agent = spawn(
      process.execPath,
      [paths.agent, '--server', url, '--token', registration.token, '--name', 'e2e-agent', '--executor', 'host', '--capacity', String(options.agentCapacity ?? 4), '--work-dir', join(dataDir, 'agent'), '--log-level', 'warn'],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } },
    );
    collect(agent, output);
    processes.push(agent);
    await waitFor(
      'the agent coming online',
      async () => ((await api<{ items: { status: string }[] }>('GET', '/api/v1/agents')).items.some((a) => a.status === 'online') ? true : undefined),
      30_000,
      output,
    );
  } catch (e: unknown) {
    await stop();
    throw e;
  }
  return { url, dataDir, api, stop };
}
