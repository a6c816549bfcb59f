import type { LiveEvent } from '@ritmo/protocol';
import { toError, type Clock, type Logger } from '@ritmo/shared';
import type { Build, Job, Step } from '@ritmo/store';
import { toBuildDto } from '../dto/to-build-dto.js';
import { buildTopic, GLOBAL_TOPIC, type EventHub, type Topic } from './event-hub.js';

/** Turns store records into live events and publishes them; failures are logged, never thrown. */
export function createPublisher(deps: { hub: EventHub; clock: Clock; logger: Logger }) {
  const at = (): string => new Date(deps.clock.now()).toISOString();
  const send = (topic: Topic, event: LiveEvent): void => {
    deps.hub.publish(topic, event).catch((e: unknown) => deps.logger.warn({ err: toError(e), topic }, 'could not publish a live event'));
  };
  return {
    buildCreated(build: Build): void {
      send(GLOBAL_TOPIC, { type: 'build.created', build: toBuildDto(build, build.plan.name) });
    },
    buildStatus(build: Build): void {
      send(buildTopic(build.id), { type: 'build.status', buildId: build.id, projectId: build.projectId, status: build.status, at: at() });
    },
    buildFinished(build: Build): void {
      const event: LiveEvent = { type: 'build.finished', build: toBuildDto(build, build.plan.name) };
      send(buildTopic(build.id), event);
      send(GLOBAL_TOPIC, event);
    },
    jobStatus(job: Job): void {
      send(buildTopic(job.buildId), {
        type: 'job.status',
        buildId: job.buildId,
        jobId: job.id,
        key: job.planJobId,
        status: job.status,
        attempt: job.attempt,
        exitCode: job.exitCode,
        reason: job.reason,
        at: at(),
      });
    },
    stepStatus(buildId: string, step: Step): void {
      send(buildTopic(buildId), {
        type: 'step.status',
        buildId,
        jobId: step.jobId,
        stepId: step.stepId,
        attempt: step.attempt,
        status: step.status,
        exitCode: step.exitCode,
        at: at(),
      });
    },
    logLines(buildId: string, jobId: string, attempt: number, offset: number, data: Buffer): void {
      send(buildTopic(buildId), { type: 'log.lines', buildId, jobId, attempt, offset, nextOffset: offset + data.length, text: data.toString('utf8') });
    },
  };
}

export type Publisher = ReturnType<typeof createPublisher>;
