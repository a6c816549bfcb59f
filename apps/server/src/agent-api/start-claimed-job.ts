import { toError } from '@ritmo/shared';
import type { ClaimedJob } from '@ritmo/store';
import type { AgentApiDeps } from './agent-api-deps.js';

/**
 * What follows a claim: the attempt's steps exist (pending), the job's new status is published and
 * the build moves to `running`. A repeated claim answer changes nothing.
 */
export async function startClaimedJob(deps: Pick<AgentApiDeps, 'store' | 'publisher' | 'orchestrator' | 'metrics' | 'logger'>, claim: ClaimedJob): Promise<void> {
  const { job, attempt } = claim;
  const existing = await deps.store.steps.listSteps(job.id, attempt);
  if (existing.length === 0) {
    const steps = await deps.store.steps.createSteps(
      job.id,
      attempt,
      job.planJob.steps.map((s) => ({ stepId: s.id, name: s.name, status: 'pending' as const })),
    );
    for (const step of steps) deps.publisher.stepStatus(job.buildId, step);
  }
  if (claim.replayed) return;
  deps.publisher.jobStatus(job);
  if (job.queuedAt !== null) deps.metrics.jobWait.observe(Math.max(0, claim.claimedAt - job.queuedAt) / 1000);
  await deps.orchestrator.advance(job.buildId).catch((e: unknown) => deps.logger.warn({ err: toError(e), buildId: job.buildId }, 'could not advance the build after a claim'));
}
