import type { BuildDetail, LiveEvent } from '@ritmo/client';

/** A build with one live event applied (status, job and step changes); other events leave it as is. */
export function applyLiveEvent(build: BuildDetail, event: LiveEvent): BuildDetail {
  switch (event.type) {
    case 'build.status':
      return event.buildId === build.id ? { ...build, status: event.status } : build;
    case 'build.finished':
      return event.build.id === build.id ? { ...build, ...event.build } : build;
    case 'job.status':
      return {
        ...build,
        jobs: build.jobs.map((j) => {
          if (j.id !== event.jobId) return j;
          const newAttempt = event.attempt > j.attempt;
          return {
            ...j,
            status: event.status,
            attempt: event.attempt,
            exitCode: event.exitCode,
            reason: event.reason,
            ...(event.status === 'running' && (j.startedAt === null || newAttempt) ? { startedAt: event.at, finishedAt: null } : {}),
            ...(event.status === 'queued' && newAttempt ? { queuedAt: event.at, startedAt: null, finishedAt: null } : {}),
            ...(['success', 'failure', 'canceled', 'skipped'].includes(event.status) ? { finishedAt: event.at } : {}),
            ...(newAttempt ? { steps: j.steps.map((s) => ({ ...s, status: 'pending' as const, exitCode: null, startedAt: null, finishedAt: null })), logSize: 0 } : {}),
          };
        }),
      };
    case 'step.status':
      return {
        ...build,
        jobs: build.jobs.map((j) =>
          j.id !== event.jobId || event.attempt < j.attempt
            ? j
            : {
                ...j,
                steps: j.steps.map((s) =>
                  s.id !== event.stepId
                    ? s
                    : {
                        ...s,
                        status: event.status,
                        exitCode: event.exitCode,
                        ...(event.status === 'running' ? { startedAt: event.at } : {}),
                        ...(['success', 'failure', 'canceled', 'skipped'].includes(event.status) ? { finishedAt: event.at } : {}),
                      },
                ),
              },
        ),
      };
    default:
      return build;
  }
}
