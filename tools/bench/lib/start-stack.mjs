import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { call, registrationToken, startAgent, startServer, terminate, waitFor } from '../../../e2e/support/processes.mjs';
import { sleep } from './clock.mjs';
import { summarizeProfiles } from './cpu-profile.mjs';
import { createBenchDatabase } from './postgres.mjs';

/** One key for every instance, so job tokens and secrets agree across server instances. */
const SECRET_KEY = 'b'.repeat(64);

/**
 * Servers (SQLite in their own data dir, or one fresh PostgreSQL database shared by every instance) and
 * agents spread over them round-robin, all real processes of the built apps on loopback. Resolves once
 * every agent is registered and online. With `profile`, every process runs under `node --cpu-prof`.
 */
export async function startStack(ctx, spec) {
  const { cleanup } = ctx;
  const name = spec.name;
  const profileDir = spec.profile ? join(ctx.tmp, 'profiles', name) : undefined;
  const nodeArgs = (kind, i) => (profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, kind, String(i))}`] : []);
  const options = (kind, i) => ({ nodeArgs: nodeArgs(kind, i), onStart: (p) => cleanup.track(p) });
  if (profileDir) await mkdir(profileDir, { recursive: true });
  // Temporary files of the processes (a killed agent's job temp dirs) stay inside the harness's directory.
  const TMPDIR = join(ctx.tmp, 'tmp');
  await mkdir(TMPDIR, { recursive: true });

  const db = spec.db === 'postgres' ? await createBenchDatabase(cleanup) : undefined;
  const env = {
    RITMO_SECRET_KEY: SECRET_KEY,
    RITMO_LOG_LEVEL: spec.logLevel ?? 'warn',
    RITMO_SHUTDOWN_GRACE: '5s',
    TMPDIR,
    ...(db ? { RITMO_DATABASE_URL: db.url } : {}),
    ...spec.serverEnv,
  };
  const servers = [];
  for (let i = 0; i < (spec.servers ?? 1); i++) {
    const server = await startServer(env, options('server', i));
    cleanup.dir(server.dataDir);
    servers.push(server);
  }
  const primary = servers[0];
  const token = spec.agents > 0 ? await registrationToken(primary) : '';
  const agentArgs = ['--executor', spec.executor ?? 'host', '--capacity', String(spec.capacity ?? 1), '--log-level', spec.logLevel ?? 'warn', ...(spec.labels ? ['--labels', spec.labels] : [])];
  const agents = [];
  for (let i = 0; i < (spec.agents ?? 0); i++) {
    const agent = await startAgent(servers[i % servers.length], token, `${name}-${i + 1}`, agentArgs, { TMPDIR }, options('agent', i));
    cleanup.dir(agent.workDir);
    agents.push(agent);
  }
  if (agents.length > 0) {
    const online = async () => (await call(primary, 'GET', '/api/v1/agents?limit=200')).json?.items?.filter((a) => a.status === 'online').length ?? 0;
    await waitFor(online, (n) => n >= agents.length, 60_000, `${agents.length} agents online`, 100);
    await sleep(300); // each agent is back in its long-poll
  }

  return {
    name,
    db: spec.db,
    databaseName: db?.name,
    servers,
    agents,
    primary,
    url: primary.url,
    api: (method, path, body) => call(primary, method, path, body),
    /**
     * Stops the stack: with profiling, agents then servers get SIGTERM (so node writes the profiles)
     * and the top self-time functions come back; otherwise everything is killed by PID.
     */
    async stop() {
      if (!profileDir) {
        for (const p of [...agents, ...servers]) await cleanup.kill(p);
        return undefined;
      }
      await Promise.all(agents.map((a) => terminate(a, 15_000)));
      await Promise.all(servers.map((s) => terminate(s, 15_000)));
      for (const p of [...agents, ...servers]) await cleanup.kill(p);
      return {
        server: await summarizeProfiles(join(profileDir, 'server')),
        agent: agents.length > 0 ? await summarizeProfiles(join(profileDir, 'agent')) : undefined,
      };
    },
  };
}
