import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { RitmoError, type Logger } from '@ritmo/shared';
import { backoffDelay, sleep } from './backoff.js';
import type { AgentClient } from './client/create-agent-client.js';
import type { AgentConfig } from './config.js';
import { agentLabels } from './automatic-labels.js';
import { AGENT_VERSION } from './version.js';

/** Who the agent is to the server, and the timing it was told. */
export interface AgentIdentity {
  agentId: string | null;
  token: string;
  labels: string[];
  heartbeatIntervalMs: number;
  pollTimeoutMs: number;
}

const Saved = z.object({ serverUrl: z.string(), name: z.string(), agentId: z.string(), token: z.string(), labels: z.array(z.string()) });

const DEFAULT_TIMING = { heartbeatIntervalMs: 15_000, pollTimeoutMs: 30_000 };

async function readSaved(path: string): Promise<z.infer<typeof Saved> | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const parsed = Saved.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : undefined;
}

/**
 * The agent's token: given directly (`ritmoagent_…`), saved in `<workDir>/agent.json` by an earlier
 * registration with the same server and name (and still accepted), or a new registration with the
 * registration token. Ephemeral agents always register anew and save nothing. Waits for an unreachable
 * server (with backoff) until `signal` aborts.
 */
export async function obtainIdentity(deps: { client: AgentClient; config: AgentConfig; logger: Logger; signal: AbortSignal }): Promise<AgentIdentity> {
  const { client, config, logger } = deps;
  const labels = agentLabels(config.labels, config.executor);
  if (config.token?.startsWith('ritmoagent_')) return { agentId: null, token: config.token, labels, ...DEFAULT_TIMING };
  const path = join(config.workDir, 'agent.json');
  const saved = config.ephemeral ? undefined : await readSaved(path);
  for (let failures = 0; !deps.signal.aborted; failures++) {
    if (saved && saved.serverUrl === config.serverUrl && saved.name === config.name) {
      const check = await client.heartbeat(saved.token, { running: [], draining: false });
      if (check.ok) return { agentId: saved.agentId, token: saved.token, labels: saved.labels, heartbeatIntervalMs: check.value.heartbeatIntervalMs, pollTimeoutMs: DEFAULT_TIMING.pollTimeoutMs };
      if (check.error.kind === 'unreachable') {
        logger.warn({ code: check.error.code, server: config.serverUrl }, 'server unreachable; retrying');
        await sleep(backoffDelay(failures), deps.signal);
        continue;
      }
      logger.info({ code: check.error.code }, 'the saved agent token was refused; registering again');
    }
    if (config.token === undefined) {
      throw new RitmoError('ERR_AGENT_CONFIG_INVALID', 'no token: pass --token with a registration token (ritmoreg_…) or an agent token', {
        suggestions: ['create a registration token with POST /api/v1/agent-tokens'],
      });
    }
    const result = await client.register(config.token, { name: config.name, labels, capacity: config.capacity, version: AGENT_VERSION, executor: config.executor, ephemeral: config.ephemeral });
    if (result.ok) {
      const r = result.value;
      if (!config.ephemeral) {
        await mkdir(config.workDir, { recursive: true });
        await writeFile(path, `${JSON.stringify({ serverUrl: config.serverUrl, name: config.name, agentId: r.agentId, token: r.token, labels: r.labels })}\n`, { mode: 0o600 });
      }
      logger.info({ agentId: r.agentId, name: r.name, labels: r.labels }, 'registered');
      return { agentId: r.agentId, token: r.token, labels: r.labels, heartbeatIntervalMs: r.heartbeatIntervalMs, pollTimeoutMs: r.pollTimeoutMs };
    }
    if (result.error.kind !== 'unreachable') {
      throw new RitmoError('ERR_AGENT_INVALID_TOKEN', `registration refused: ${result.error.code}: ${result.error.message}`);
    }
    logger.warn({ code: result.error.code, server: config.serverUrl }, 'server unreachable; retrying');
    await sleep(backoffDelay(failures), deps.signal);
  }
  throw new RitmoError('ERR_ABORTED', 'stopped before the agent could register');
}
