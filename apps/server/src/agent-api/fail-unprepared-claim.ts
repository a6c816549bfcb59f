import { isRitmoError, RitmoError, toError } from '@ritmo/shared';
import type { ClaimedJob } from '@ritmo/store';
import type { AgentApiDeps } from './agent-api-deps.js';
import { closeSteps } from './close-steps.js';

type FailDeps = Pick<AgentApiDeps, 'store' | 'publisher' | 'orchestrator' | 'clock' | 'logger'>;

/**
 * A claim whose payload could not be built (a project secret that does not decrypt, say) must not
 * come back on every retry of the claim: the attempt and the job end `failure` at once, with the
 * error's code as the reason and a line in the job's log, never retried. Returns the error the agent
 * gets instead of a payload (ERR_AGENT_JOB_NOT_PREPARED); it then claims again with a new request.
 */
export async function failUnpreparedClaim(deps: FailDeps, claim: ClaimedJob, cause: unknown): Promise<RitmoError> {
  const error = toError(cause);
  const reason = isRitmoError(error) ? error.code : 'ERR_INTERNAL';
  const { job, attempt } = claim;
  const ref = { jobId: job.id, attempt, leaseToken: claim.leaseToken };
  deps.logger.error({ err: error, jobId: job.id, buildId: job.buildId, attempt, reason }, 'could not prepare a claimed job; it fails');
  try {
    const offset = await deps.store.logs.getLogSize(job.id, attempt);
    await deps.store.logs.appendLogChunk({ jobId: job.id, attempt, offset, data: Buffer.from(`ritmo: the job could not be prepared: ${reason}: ${error.message}\n`) });
    const ended = await deps.store.queue.failJob({ ...ref, reason, now: deps.clock.now() });
    await closeSteps(deps, job.buildId, job.id, attempt, 'failure');
    deps.publisher.jobStatus(ended.job);
    await deps.orchestrator.advance(job.buildId).catch((e: unknown) => deps.logger.warn({ err: toError(e), buildId: job.buildId }, 'could not advance the build after a failed claim'));
  } catch (e: unknown) {
    // Already ended (canceled meanwhile, or a concurrent replay failed it first): nothing more to do.
    if (!isRitmoError(e, 'ERR_STORE_LEASE_CONFLICT')) throw toError(e);
  }
  return new RitmoError('ERR_AGENT_JOB_NOT_PREPARED', `job ${job.id} could not be prepared and failed: ${reason}: ${error.message}`, {
    details: { jobId: job.id, attempt, reason },
  });
}
