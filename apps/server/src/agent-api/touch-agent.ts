import type { Agent } from '@ritmo/store';
import type { AgentApiDeps } from './agent-api-deps.js';

/**
 * Records that the agent was heard from: online again if it was offline, and `lastSeenAt` moved at
 * most every few seconds (not on every request).
 */
export async function touchAgent(deps: Pick<AgentApiDeps, 'store' | 'clock' | 'config'>, agent: Agent, patch: { draining?: boolean } = {}): Promise<Agent> {
  const now = deps.clock.now();
  const every = Math.min(10_000, deps.config.offlineAfterMs / 4);
  const stale = agent.lastSeenAt === null || now - agent.lastSeenAt >= every;
  const drains = patch.draining === true && !agent.draining;
  if (!stale && agent.status === 'online' && !drains) return agent;
  return deps.store.agents.updateAgent(agent.id, { lastSeenAt: now, status: 'online', ...(drains ? { draining: true } : {}) });
}
