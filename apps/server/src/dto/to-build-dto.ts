import type * as api from '@ritmo/protocol';
import type { BuildSummary, Job, Step } from '@ritmo/store';
import { iso } from './iso.js';

export function toBuildDto(b: BuildSummary, pipelineName: string): api.Build {
  const retryOf = b.trigger['retryOf'];
  return {
    id: b.id,
    projectId: b.projectId,
    number: b.number,
    status: b.status,
    event: b.event,
    ref: b.ref,
    sha: b.sha,
    branch: b.branch,
    tag: b.tag,
    message: b.message,
    actor: b.actor,
    inputs: b.inputs,
    pipelineName,
    retryOf: typeof retryOf === 'string' ? retryOf : null,
    error: b.error,
    canceledBy: b.canceledBy,
    createdAt: iso(b.createdAt),
    startedAt: iso(b.startedAt),
    finishedAt: iso(b.finishedAt),
  };
}

/** The pipeline name of a listed build (summaries carry no plan). */
export function pipelineNameOf(b: BuildSummary): string {
  const name = b.trigger['pipeline'];
  return typeof name === 'string' ? name : '';
}

export function toStepDto(s: Step): api.Step {
  return {
    id: s.stepId,
    jobId: s.jobId,
    attempt: s.attempt,
    name: s.name,
    position: s.position,
    status: s.status,
    exitCode: s.exitCode,
    startedAt: iso(s.startedAt),
    finishedAt: iso(s.finishedAt),
  };
}

export function toJobDto(j: Job, steps: readonly Step[], logSize: number): api.Job {
  return {
    id: j.id,
    buildId: j.buildId,
    key: j.planJobId,
    name: j.name,
    stage: j.stage,
    needs: j.needs,
    runsOn: j.runsOn,
    status: j.status,
    reason: j.reason,
    attempt: j.attempt,
    agentId: j.agentId,
    exitCode: j.exitCode,
    logSize,
    createdAt: iso(j.createdAt),
    queuedAt: iso(j.queuedAt),
    startedAt: iso(j.startedAt),
    finishedAt: iso(j.finishedAt),
    steps: steps.map(toStepDto),
  };
}
