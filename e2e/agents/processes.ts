// Test support: the built server and agents as real processes on loopback, stopped by PID.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..', '..');
const SERVER_MAIN = join(ROOT, 'apps', 'server', 'dist', 'main.js');
const AGENT_MAIN = join(ROOT, 'apps', 'agent', 'dist', 'main.js');
export const ADMIN_TOKEN = 'ritmo_e2e_admin_token_0123456789abcdef';

/** Builds the server and the agent unless both entries exist (`npm test` builds first anyway). */
export async function ensureBuilt(): Promise<void> {
  if (existsSync(SERVER_MAIN) && existsSync(AGENT_MAIN)) return;
  await exec('npx', ['tsc', '-b', 'apps/server', 'apps/agent'], { cwd: ROOT });
}

export interface Proc {
  child: ChildProcess;
  pid: number;
  output(): string;
  /** Resolves with the exit code (or the signal name) once the process ended. */
  exited: Promise<number | string>;
}

function start(main: string, args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [main, ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | string>((r) => child.once('exit', (code, signal) => r(code ?? signal ?? -1)));
  if (child.pid === undefined) throw new Error(`could not start ${main}`);
  return { child, pid: child.pid, output: () => out, exited };
}

/** Stops a process by PID: SIGKILL unless it already exited, then waits for it. */
export async function stop(proc: Proc | undefined): Promise<void> {
  if (!proc || proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  process.kill(proc.pid, 'SIGKILL');
  await proc.exited;
}

/** Kills leftover step processes whose PIDs the steps wrote down. */
export function killPids(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

export interface ServerProc extends Proc {
  url: string;
  dataDir: string;
}

/** The built server on a free loopback port with its own data dir and the admin token set. */
export async function startServer(env: Record<string, string> = {}): Promise<ServerProc> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ritmo-e2e-server-'));
  const proc = start(SERVER_MAIN, [], { RITMO_PORT: '0', RITMO_HOST: '127.0.0.1', RITMO_DATA_DIR: dataDir, RITMO_ADMIN_TOKEN: ADMIN_TOKEN, RITMO_LOG_LEVEL: 'warn', ...env });
  for (let i = 0; i < 300; i++) {
    const m = /running at (http:\/\/\S+)/.exec(proc.output());
    if (m?.[1]) return { ...proc, url: m[1], dataDir };
    if (proc.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await stop(proc);
  throw new Error(`the server did not start:\n${proc.output()}`);
}

export async function removeServer(server: ServerProc | undefined): Promise<void> {
  await stop(server);
  if (server) await rm(server.dataDir, { recursive: true, force: true });
}

export interface AgentProc extends Proc {
  workDir: string;
  name: string;
}

/** The built agent with its own work dir, registered with `token`. */
export async function startAgent(server: ServerProc, token: string, name: string, extra: string[] = [], env: Record<string, string> = {}): Promise<AgentProc> {
  const workDir = await mkdtemp(join(tmpdir(), `ritmo-e2e-${name}-`));
  const proc = start(AGENT_MAIN, ['--server', server.url, '--name', name, '--work-dir', workDir, '--log-level', 'debug', ...extra], { RITMO_AGENT_TOKEN: token, ...env });
  return { ...proc, workDir, name };
}

export async function removeAgent(agent: AgentProc | undefined): Promise<void> {
  await stop(agent);
  if (agent) await rm(agent.workDir, { recursive: true, force: true });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers directly
export type Json = any;

/** A REST call with the admin token. */
export async function call(server: ServerProc, method: string, path: string, body?: unknown): Promise<{ status: number; json: Json; text: string }> {
  const res = await fetch(server.url + path, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

export async function registrationToken(server: ServerProc): Promise<string> {
  return (await call(server, 'POST', '/api/v1/agent-tokens', { name: 'e2e' })).json.token as string;
}

/** Polls `read` until `done` holds for its value; throws with the last value after `ms`. */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, ms: number, what: string): Promise<T> {
  const until = Date.now() + ms;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 25));
    last = await read();
  }
  return last;
}

/** Creates a project with an inline pipeline and triggers a build; returns the build. */
export async function triggerInline(server: ServerProc, name: string, pipeline: string): Promise<Json> {
  const project = await call(server, 'POST', '/api/v1/projects', { name, pipeline });
  if (project.status !== 201) throw new Error(`project: ${project.text}`);
  const build = await call(server, 'POST', `/api/v1/projects/${name}/builds`, {});
  if (build.status !== 201) throw new Error(`build: ${build.text}`);
  return build.json;
}

export async function readBuild(server: ServerProc, id: string): Promise<Json> {
  return (await call(server, 'GET', `/api/v1/builds/${id}`)).json;
}

export const isFinished = (build: Json): boolean => ['success', 'failure', 'canceled'].includes(build?.status);
