import { describe, expect, it } from 'vitest';
import { defaultAgentApiConfig, loadAgentApiConfig, resolveAgentApiConfig } from './agent-api-config.js';

describe('agent API configuration', () => {
  it('defaults to a 60 s lease, 15 s heartbeats and 30 s polls', () => {
    expect(loadAgentApiConfig({})).toEqual(defaultAgentApiConfig);
  });

  it('reads durations and keeps heartbeats under a third of the lease', () => {
    const config = loadAgentApiConfig({ RITMO_LEASE_TTL: '3s', RITMO_LEASE_SWEEP_INTERVAL: '250ms', RITMO_AGENT_POLL_TIMEOUT: '10s' });
    expect(config).toMatchObject({ leaseTtlMs: 3000, heartbeatIntervalMs: 1000, sweepIntervalMs: 250, pollTimeoutMs: 10_000, recheckMs: 5000 });
    expect(config.offlineAfterMs).toBeGreaterThan(config.leaseTtlMs);
    expect(resolveAgentApiConfig({ pollTimeoutMs: 1000 }).recheckMs).toBe(1000);
  });

  it('names each bad variable', () => {
    expect(() => loadAgentApiConfig({ RITMO_LEASE_TTL: 'soon' })).toThrow(/RITMO_LEASE_TTL/);
  });
});
