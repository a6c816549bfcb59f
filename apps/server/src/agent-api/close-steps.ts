import { toError } from '@ritmo/shared';
import type { Step } from '@ritmo/store';
import type { AgentApiDeps } from './agent-api-deps.js';

/**
 * After an attempt ended, no step of it stays open: steps never started become `skipped`, a step
 * still running takes `endedAs` (the agent was lost, or the job was canceled under it).
 */
export async function closeSteps(deps: Pick<AgentApiDeps, 'store' | 'publisher' | 'clock' | 'logger'>, buildId: string, jobId: string, attempt: number, endedAs: Step['status']): Promise<void> {
  try {
    const now = deps.clock.now();
    for (const step of await deps.store.steps.listSteps(jobId, attempt)) {
      const status = step.status === 'pending' ? 'skipped' : step.status === 'running' ? endedAs : undefined;
      if (status === undefined) continue;
      const closed = await deps.store.steps.updateStep(jobId, attempt, step.stepId, { status, finishedAt: now, ...(step.startedAt === null ? { startedAt: now } : {}) });
      deps.publisher.stepStatus(buildId, closed);
    }
  } catch (e: unknown) {
    deps.logger.warn({ err: toError(e), jobId, attempt }, 'could not close the steps of an ended attempt');
  }
}
