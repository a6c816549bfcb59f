import { z } from 'zod';
import { RitmoError } from '@ritmo/shared';
import { optionalDurationField } from '../env-fields.js';

/** Timing of the agent API. */
export interface AgentApiConfig {
  /** A lease lasts this long after the claim and after each heartbeat. */
  leaseTtlMs: number;
  /** How often agents are asked to heartbeat (kept under a third of the lease). */
  heartbeatIntervalMs: number;
  /** How long an idle claim or a job watch is held before it answers "nothing". */
  pollTimeoutMs: number;
  /** How often the sweeper looks for expired leases and silent agents. */
  sweepIntervalMs: number;
  /** A held claim looks at the queue again this often even without a wake-up (lost notifications). */
  recheckMs: number;
  /** An agent not heard from for this long is marked offline. */
  offlineAfterMs: number;
}

export const defaultAgentApiConfig: AgentApiConfig = {
  leaseTtlMs: 60_000,
  heartbeatIntervalMs: 15_000,
  pollTimeoutMs: 30_000,
  sweepIntervalMs: 2_000,
  recheckMs: 5_000,
  offlineAfterMs: 90_000,
};

const duration = optionalDurationField();

/** The RITMO_* variables of the agent API. */
export const AgentApiEnv = z.object({
  RITMO_LEASE_TTL: duration,
  RITMO_HEARTBEAT_INTERVAL: duration,
  RITMO_AGENT_POLL_TIMEOUT: duration,
  RITMO_LEASE_SWEEP_INTERVAL: duration,
  RITMO_AGENT_OFFLINE_AFTER: duration,
});

/** Fills the defaults and keeps the heartbeat well inside the lease (at most a third of it). */
export function resolveAgentApiConfig(partial: Partial<AgentApiConfig> = {}): AgentApiConfig {
  const merged = { ...defaultAgentApiConfig, ...partial };
  const heartbeatIntervalMs = Math.max(100, Math.min(merged.heartbeatIntervalMs, Math.floor(merged.leaseTtlMs / 3)));
  const offlineAfterMs = partial.offlineAfterMs ?? Math.max(merged.offlineAfterMs, merged.leaseTtlMs + heartbeatIntervalMs);
  return { ...merged, heartbeatIntervalMs, offlineAfterMs, recheckMs: Math.min(merged.recheckMs, merged.pollTimeoutMs) };
}

/** Reads the agent API's timing from the environment; ERR_SERVER_CONFIG_INVALID names each bad variable. */
export function loadAgentApiConfig(env: Record<string, string | undefined>): AgentApiConfig {
  const parsed = AgentApiEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new RitmoError('ERR_SERVER_CONFIG_INVALID', `invalid configuration: ${problems.join('; ')}`, { details: { problems } });
  }
  const e = parsed.data;
  const partial: Partial<AgentApiConfig> = {};
  if (e.RITMO_LEASE_TTL !== undefined) partial.leaseTtlMs = e.RITMO_LEASE_TTL;
  if (e.RITMO_HEARTBEAT_INTERVAL !== undefined) partial.heartbeatIntervalMs = e.RITMO_HEARTBEAT_INTERVAL;
  if (e.RITMO_AGENT_POLL_TIMEOUT !== undefined) partial.pollTimeoutMs = e.RITMO_AGENT_POLL_TIMEOUT;
  if (e.RITMO_LEASE_SWEEP_INTERVAL !== undefined) partial.sweepIntervalMs = e.RITMO_LEASE_SWEEP_INTERVAL;
  if (e.RITMO_AGENT_OFFLINE_AFTER !== undefined) partial.offlineAfterMs = e.RITMO_AGENT_OFFLINE_AFTER;
  return resolveAgentApiConfig(partial);
}
