import { createSystemClock, isRitmoError, toError } from '@ritmo/shared';
import { createAgentClient } from './client/create-agent-client.js';
import { loadAgentConfig } from './config.js';
import { createAgent } from './create-agent.js';
import { createAgentExecutor } from './create-agent-executor.js';
import { createLineLogger } from './create-line-logger.js';
import { startJob } from './job/start-job.js';
import { obtainIdentity } from './obtain-identity.js';

/** Signals closer together than this are one request (a terminal's Ctrl-C reaches the whole process group). */
const SAME_SIGNAL_MS = 300;

/**
 * Reads the configuration and wires the agent. SIGTERM/SIGINT drains: nothing new is claimed and
 * running jobs finish (exit 0). A second one stops the running jobs (reported lost, so they run
 * again elsewhere) and exits; if the server cannot take those results, it exits anyway shortly after.
 * `--drain-timeout` turns a drain into that stop once it has lasted that long.
 */
async function main(): Promise<number> {
  const config = loadAgentConfig(process.argv.slice(2), process.env, process.cwd());
  const logger = createLineLogger({ level: config.logLevel, write: (line) => process.stderr.write(line) });
  const client = createAgentClient({ serverUrl: config.serverUrl });
  const starting = new AbortController();
  let agent: ReturnType<typeof createAgent> | undefined;
  let signals = 0;
  let lastSignal = 0;
  let stopping = false;
  const onSignal = (name: string): void => {
    const now = createSystemClock().now();
    if (signals > 0 && now - lastSignal < SAME_SIGNAL_MS) return;
    lastSignal = now;
    signals++;
    starting.abort();
    if (signals === 1) {
      logger.info({ signal: name, running: agent?.running ?? 0 }, 'draining: finishing running jobs, claiming nothing new');
      agent?.drain();
      if (config.drainTimeoutMs !== undefined) setTimeout(cancel, config.drainTimeoutMs).unref();
      return;
    }
    cancel();
  };
  const cancel = (): void => {
    if (stopping) return;
    stopping = true;
    logger.warn({ running: agent?.running ?? 0 }, 'stopping running jobs');
    agent?.cancelAll('agent shutting down');
    setTimeout(() => agent?.giveUp(), (config.killGraceMs ?? 10_000) + 5_000).unref();
    setTimeout(() => process.exit(1), (config.killGraceMs ?? 10_000) + 10_000).unref();
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));

  const identity = await obtainIdentity({ client, config, logger, signal: starting.signal });
  const executor = await createAgentExecutor({ name: config.executor, agentId: identity.agentId ?? config.name, killGraceMs: config.killGraceMs, logger });
  agent = createAgent({
    client,
    token: identity.token,
    capacity: config.capacity,
    ephemeral: config.ephemeral,
    heartbeatIntervalMs: identity.heartbeatIntervalMs,
    pollTimeoutMs: identity.pollTimeoutMs,
    logger,
    startJob: (payload, giveUp) =>
      startJob({ client, executor, workDir: config.workDir, serverUrl: config.serverUrl, logger, watchMs: identity.pollTimeoutMs, ...(config.killGraceMs === undefined ? {} : { killGraceMs: config.killGraceMs }) }, payload, giveUp),
  });
  logger.info({ server: config.serverUrl, name: config.name, labels: identity.labels, capacity: config.capacity, executor: config.executor }, 'agent ready');
  if (signals > 0) agent.drain();
  return agent.run();
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    const error = toError(e);
    process.stderr.write(`ritmo agent: ${isRitmoError(error) ? `${error.code} ${error.message}` : (error.stack ?? error.message)}\n`);
    process.exit(isRitmoError(error, 'ERR_ABORTED') ? 0 : 1);
  },
);
