import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..', '..', '..', '..');
const CLI = join(ROOT, 'apps', 'cli', 'dist', 'main.js');

const freePort = (): Promise<number> =>
  new Promise((res) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The PIDs of a process's children (the server and the agent `ritmo up` started). */
async function childrenOf(pid: number): Promise<number[]> {
  const { stdout } = await exec('ps', ['-o', 'pid=', '--ppid', String(pid)]).catch(() => ({ stdout: '' }));
  return stdout
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((n) => n > 0);
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read().catch(() => undefined as T);
    if (v !== undefined && ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('ritmo up (the built command)', () => {
  const started: ChildProcess[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    if (![CLI, join(ROOT, 'apps/server/dist/main.js'), join(ROOT, 'apps/agent/dist/main.js')].every(existsSync)) {
      await exec('npx', ['tsc', '-b', 'apps/cli', 'apps/server', 'apps/agent'], { cwd: ROOT });
    }
  }, 180_000);
  afterEach(async () => {
    for (const child of started.splice(0)) {
      if (child.pid === undefined || !alive(child.pid)) continue;
      for (const pid of await childrenOf(child.pid)) if (alive(pid)) process.kill(pid, 'SIGKILL');
      process.kill(child.pid, 'SIGKILL');
    }
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('starts the server and a local agent that runs builds; Ctrl-C stops both; a restart reuses the agent', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'ritmo-up-'));
    dirs.push(cwd);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const up = (): { child: ChildProcess; output: () => string } => {
      const child = spawn(process.execPath, [CLI, 'up'], { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', RITMO_PORT: String(port), RITMO_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
      started.push(child);
      let out = '';
      child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
      return { child, output: () => out };
    };
    const first = up();
    const token = (await until(async () => /API token:\s+(ritmo_\S+)/.exec(first.output())?.[1], (t) => t !== undefined, 'the banner')) as string;
    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(url + path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      return (await res.json()) as { items?: { id: string; status: string }[]; id?: string; status?: string };
    };
    const agents = await until(() => api('GET', '/api/v1/agents'), (a) => a.items?.some((x) => x.status === 'online') === true, 'the local agent');
    await api('POST', '/api/v1/projects', { name: 'hello', pipeline: 'jobs:\n  hi:\n    steps:\n      - run: echo hello\n' });
    const build = await api('POST', '/api/v1/projects/hello/builds', {});
    await until(() => api('GET', `/api/v1/builds/${build.id}`), (b) => b.status === 'success', 'the build', 30_000);

    const children = await childrenOf(first.child.pid as number);
    expect(children.length).toBe(2);
    const exited = new Promise((r) => first.child.once('exit', r));
    first.child.kill('SIGINT');
    await exited;
    for (const pid of children) expect(alive(pid), first.output()).toBe(false);

    const second = up();
    const again = await until(() => api('GET', '/api/v1/agents'), (a) => a.items?.some((x) => x.status === 'online') === true, 'the agent after a restart');
    expect(again.items?.map((a) => a.id)).toEqual(agents.items?.map((a) => a.id));
    const stopped = new Promise((r) => second.child.once('exit', r));
    second.child.kill('SIGINT');
    await stopped;
  }, 120_000);
});
