// The built server and agents as real processes on loopback, stopped by PID. Plain ESM so that both the
// e2e tests (through e2e/agents/processes.ts) and the benchmark harness (tools/bench) can import it.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
export const ROOT = resolve(import.meta.dirname, '..', '..');
export const SERVER_MAIN = join(ROOT, 'apps', 'server', 'dist', 'main.js');
export const AGENT_MAIN = join(ROOT, 'apps', 'agent', 'dist', 'main.js');
export const CLI_MAIN = join(ROOT, 'apps', 'cli', 'dist', 'main.js');
export const ADMIN_TOKEN = 'ritmo_e2e_admin_token_0123456789abcdef';

/** Builds the server and the agent unless both entries exist (`npm test` builds first anyway). */
export async function ensureBuilt() {
  if (existsSync(SERVER_MAIN) && existsSync(AGENT_MAIN)) return;
  await exec('npx', ['tsc', '-b', 'apps/server', 'apps/agent'], { cwd: ROOT });
}

/**
 * Starts `node [nodeArgs] main args` with only PATH, HOME and `env`. `onStart` sees the process before
 * anything is awaited, so a caller can track it for clean-up even if a later step fails.
 */
export function startNode(main, args, env, options = {}) {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), main, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d.toString()));
  child.stderr?.on('data', (d) => (out += d.toString()));
  const exited = new Promise((r) => child.once('exit', (code, signal) => r(code ?? signal ?? -1)));
  if (child.pid === undefined) throw new Error(`could not start ${main}`);
  const proc = { child, pid: child.pid, output: () => out, exited };
  options.onStart?.(proc);
  return proc;
}

const running = (proc) => proc.child.exitCode === null && proc.child.signalCode === null;

/** Stops a process by PID: SIGKILL unless it already exited, then waits for it. */
export async function stop(proc) {
  if (!proc || !running(proc)) return;
  process.kill(proc.pid, 'SIGKILL');
  await proc.exited;
}

/** Asks a process to exit by PID with SIGTERM; SIGKILL after `graceMs`. Resolves with how it ended. */
export async function terminate(proc, graceMs = 10_000) {
  if (!proc || !running(proc)) return proc?.exited;
  process.kill(proc.pid, 'SIGTERM');
  const timer = setTimeout(() => running(proc) && process.kill(proc.pid, 'SIGKILL'), graceMs);
  const how = await proc.exited;
  clearTimeout(timer);
  return how;
}

/** Kills leftover step processes whose PIDs the steps wrote down. */
export function killPids(pids) {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/**
 * The built server on a loopback port with the admin token set: a free port and its own new data dir,
 * or (to restart a server) `options.port` and `options.dataDir`.
 */
export async function startServer(env = {}, options = {}) {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'ritmo-e2e-server-')));
  const port = String(options.port ?? 0);
  const proc = startNode(SERVER_MAIN, [], { RITMO_PORT: port, RITMO_HOST: '127.0.0.1', RITMO_DATA_DIR: dataDir, RITMO_ADMIN_TOKEN: ADMIN_TOKEN, RITMO_LOG_LEVEL: 'warn', ...env }, options);
  for (let i = 0; i < 600; i++) {
    const m = /running at (http:\/\/\S+)/.exec(proc.output());
    if (m?.[1]) return { ...proc, url: m[1], dataDir };
    if (proc.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await stop(proc);
  if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
  throw new Error(`the server did not start:\n${proc.output()}`);
}

export async function removeServer(server) {
  await stop(server);
  if (server) await rm(server.dataDir, { recursive: true, force: true });
}

/** The built agent with its own work dir, registered with `token`, talking to `server.url` (a server, a proxy or a balancer). */
export async function startAgent(server, token, name, extra = [], env = {}, options = {}) {
  const workDir = await mkdtemp(join(tmpdir(), `ritmo-e2e-${name}-`));
  const proc = startNode(AGENT_MAIN, ['--server', server.url, '--name', name, '--work-dir', workDir, '--log-level', 'debug', ...extra], { RITMO_AGENT_TOKEN: token, ...env }, options);
  return { ...proc, workDir, name };
}

export async function removeAgent(agent) {
  await stop(agent);
  if (agent) await rm(agent.workDir, { recursive: true, force: true });
}

/** A REST call with the admin token. */
export async function call(server, method, path, body) {
  const res = await fetch(server.url + path, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}

export async function registrationToken(server) {
  return (await call(server, 'POST', '/api/v1/agent-tokens', { name: 'e2e' })).json.token;
}

/** Polls `read` until `done` holds for its value; throws with the last value after `ms`. */
export async function waitFor(read, done, ms, what, everyMs = 25) {
  const until = Date.now() + ms;
  let last = await read();
  while (!done(last)) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, everyMs));
    last = await read();
  }
  return last;
}

/** Creates a project with an inline pipeline and triggers a build; returns the build. */
export async function triggerInline(server, name, pipeline) {
  const project = await call(server, 'POST', '/api/v1/projects', { name, pipeline });
  if (project.status !== 201) throw new Error(`project: ${project.text}`);
  const build = await call(server, 'POST', `/api/v1/projects/${name}/builds`, {});
  if (build.status !== 201) throw new Error(`build: ${build.text}`);
  return build.json;
}

export async function readBuild(server, id) {
  return (await call(server, 'GET', `/api/v1/builds/${id}`)).json;
}

export const isFinished = (build) => ['success', 'failure', 'canceled'].includes(build?.status);
