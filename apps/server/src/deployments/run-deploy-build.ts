import { toError, type Clock, type Logger } from '@ritmo/shared';
import type { Build, Store } from '@ritmo/store';
import { createPublisher } from '../events/create-publisher.js';
import type { EventHub } from '../events/event-hub.js';
import type { Orchestrator } from '../orchestration/create-orchestrator.js';
import { createDeployBuildInTransaction, type DeployBuildInput } from './create-deploy-build.js';

export interface DeployBuildDeps {
  store: Store;
  hub: EventHub;
  clock: Clock;
  logger: Logger;
  orchestrator: Pick<Orchestrator, 'approveJob'>;
}

/**
 * Creates a deploy or rollback build and publishes it like any new build. The person who asked
 * counts as an approver of its deploy job when the environment lets them approve; otherwise (or when
 * more approvals are needed) the job waits like any protected deployment.
 */
export async function runDeployBuild(deps: DeployBuildDeps, input: DeployBuildInput): Promise<{ build: Build; jobId: string }> {
  const publisher = createPublisher({ hub: deps.hub, clock: deps.clock, logger: deps.logger });
  const changes = await deps.store.transaction((tx) => createDeployBuildInTransaction(tx, input, deps.clock.now()));
  publisher.buildCreated(changes.build);
  for (const job of changes.jobs) publisher.jobStatus(job);
  if (changes.statusChanged) publisher.buildStatus(changes.build);
  const job = (await deps.store.jobs.listBuildJobs(changes.build.id)).find((j) => j.planJobId === input.deployJob.planJobId);
  if (job === undefined) throw new Error(`the deploy build ${changes.build.id} lost its deploy job`);
  if (job.status === 'waiting') {
    await deps.orchestrator.approveJob(job.id, input.actor).catch((e: unknown) => deps.logger.info({ err: toError(e), jobId: job.id }, 'the deploy job waits for other approvers'));
  }
  return { build: changes.build, jobId: job.id };
}
