import { toError } from '@ritmo/shared';
import type { ExpiredLease } from '@ritmo/store';
import type { AgentApiDeps } from './agent-api-deps.js';
import { closeSteps } from './close-steps.js';

type SweepDeps = Pick<AgentApiDeps, 'store' | 'publisher' | 'orchestrator' | 'clock' | 'logger' | 'config'>;

/** Rounds of expireLeases per sweep (each handles up to 100 jobs). */
const MAX_ROUNDS = 20;

/** Online agents silent for longer than `offlineAfterMs` become offline (they show so, and stop counting as capacity). */
async function markSilentAgentsOffline(deps: SweepDeps, now: number): Promise<number> {
  let cursor: string | undefined;
  let marked = 0;
  do {
    const page = await deps.store.agents.listAgents({ status: 'online' }, { limit: 200, ...(cursor === undefined ? {} : { cursor }) });
    for (const agent of page.items) {
      if (agent.lastSeenAt !== null && now - agent.lastSeenAt <= deps.config.offlineAfterMs) continue;
      await deps.store.agents.updateAgent(agent.id, { status: 'offline' });
      marked++;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return marked;
}

/**
 * One pass of the recovery sweep: every lease past its expiry (or claim past its first-heartbeat
 * deadline) loses its attempt, the job is queued again or fails per its agent-lost budget, the change
 * is published (a queued job wakes idle agents) and each build moves on. Safe on several instances.
 */
export async function sweepLeases(deps: SweepDeps): Promise<ExpiredLease[]> {
  const now = deps.clock.now();
  const expired: ExpiredLease[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const result = await deps.store.queue.expireLeases({ now });
    expired.push(...result.expired);
    if (!result.more) break;
  }
  for (const lost of expired) {
    deps.logger.info({ jobId: lost.jobId, buildId: lost.buildId, attempt: lost.attempt, agentId: lost.agentId, cause: lost.cause, outcome: lost.outcome }, 'lease expired');
    await closeSteps(deps, lost.buildId, lost.jobId, lost.attempt, 'canceled');
    deps.publisher.jobStatus(lost.job);
  }
  for (const buildId of new Set(expired.map((e) => e.buildId))) {
    await deps.orchestrator.advance(buildId).catch((e: unknown) => deps.logger.warn({ err: toError(e), buildId }, 'could not advance a build after a lost attempt'));
  }
  await markSilentAgentsOffline(deps, now);
  return expired;
}
