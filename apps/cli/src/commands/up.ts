import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { RitmoError, toError } from '@ritmo/shared';
import type { CliDeps } from '../cli-deps.js';
import { runApp } from '../processes/run-app.js';
import { agentArgs } from './agent.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `/readyz` until it answers 200; false when `stopped` resolves first. */
async function waitReady(url: string, stopped: () => boolean): Promise<boolean> {
  while (!stopped()) {
    const ready = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return true;
    await sleep(100);
  }
  return false;
}

/** The server the local agent registered with before (its saved credentials), if any. */
async function savedServerUrl(workDir: string): Promise<string | undefined> {
  try {
    return (JSON.parse(await readFile(join(workDir, 'agent.json'), 'utf8')) as { serverUrl?: string }).serverUrl;
  } catch {
    return undefined;
  }
}

/** A registration token for the local agent, created with the admin's API token. */
async function registrationToken(url: string, adminToken: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/agent-tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'local agent (ritmo up)', expiresIn: '1h' }),
  });
  const body = (await res.json().catch(() => ({}))) as { token?: string; message?: string };
  if (!res.ok || body.token === undefined) {
    throw new RitmoError('ERR_CLI_USAGE', `could not create a registration token for the local agent: ${body.message ?? `HTTP ${res.status}`}`, {
      suggestions: ['set RITMO_ADMIN_TOKEN to the admin API token printed at the first start'],
    });
  }
  return body.token;
}

/**
 * `ritmo up`: the server (SQLite in ./.ritmo unless configured otherwise) and, once it is ready, one
 * local agent with the host executor. The agent keeps its credentials in `<data dir>/agent`, so later
 * starts reuse them; the first start registers it through the admin token (RITMO_ADMIN_TOKEN, or one
 * generated for this first start). Ctrl-C stops the agent (its running jobs get 10 s), then the server.
 */
export async function upCommand(deps: CliDeps): Promise<number> {
  const env = deps.env;
  const adminToken = env.RITMO_ADMIN_TOKEN ?? `ritmo_${randomBytes(24).toString('base64url')}`;
  const host = env.RITMO_HOST ?? '127.0.0.1';
  const url = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${env.RITMO_PORT ?? '8080'}`;
  const workDir = join(resolve(deps.cwd, env.RITMO_DATA_DIR ?? '.ritmo'), 'agent');
  const stopServer = new AbortController();
  const stopAgent = new AbortController();
  let serverDone = false;
  const server = runApp({ name: 'server', env: { RITMO_ADMIN_TOKEN: adminToken } }, { ...deps, signal: stopServer.signal }).finally(() => (serverDone = true));
  let agent: Promise<number> | undefined;
  const onStop = (): void => {
    stopAgent.abort();
    void (agent ?? Promise.resolve(0)).finally(() => stopServer.abort());
  };
  deps.signal.addEventListener('abort', onStop, { once: true });
  try {
    if (await waitReady(url, () => serverDone || deps.signal.aborted)) {
      try {
        const token = (await savedServerUrl(workDir)) === url ? undefined : await registrationToken(url, adminToken);
        const { args, env: agentEnv } = agentArgs({ server: url, executor: 'host', workDir, drainTimeout: '10s', capacity: String(deps.cpuCount ?? 2), ...(token === undefined ? {} : { token }) });
        if (!deps.signal.aborted) agent = runApp({ name: 'agent', args, env: agentEnv }, { ...deps, signal: stopAgent.signal });
      } catch (e: unknown) {
        const error = toError(e);
        deps.stderr.write(`ritmo up: no local agent: ${error.message}\n`);
        if (error instanceof RitmoError) for (const hint of error.suggestions) deps.stderr.write(`  hint: ${hint}\n`);
      }
    }
    const code = await server;
    stopAgent.abort();
    await agent;
    return code;
  } finally {
    deps.signal.removeEventListener('abort', onStop);
  }
}
