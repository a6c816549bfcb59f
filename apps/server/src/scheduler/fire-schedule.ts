import { compilePipeline } from '@ritmo/pipeline';
import type { Build, Project, Schedule } from '@ritmo/store';
import type { Orchestrator } from '../orchestration/create-orchestrator.js';
import { loadPipelineText } from '../pipelines/load-pipeline-text.js';
import { DEFAULT_TIMEZONE } from './cron-ticks.js';
import { syncSchedules, type SyncDeps } from './sync-schedules.js';

export interface FireDeps extends SyncDeps {
  orchestrator: Orchestrator;
}

/**
 * Starts the build of one taken tick, at the tip of the schedule's branch. When the pipeline there
 * no longer has this cron line, the project's schedules are synced instead and nothing is built.
 */
export async function fireSchedule(deps: FireDeps, project: Project, schedule: Schedule, scheduledAt: number, missed: boolean): Promise<Build | undefined> {
  const ref = `refs/heads/${schedule.branch ?? project.defaultBranch}`;
  const source = await loadPipelineText(project, { ref, ...(deps.signal ? { signal: deps.signal } : {}) }, deps.mirror);
  const { plan } = compilePipeline(source.text, { file: source.file });
  const stillThere = plan?.on.schedule.some((s) => s.cron === schedule.cron && (s.timezone ?? DEFAULT_TIMEZONE) === (schedule.timezone ?? DEFAULT_TIMEZONE));
  if (plan && !stillThere) {
    await syncSchedules(deps, project);
    return undefined;
  }
  return deps.orchestrator.triggerBuild({
    project,
    actor: null,
    event: 'schedule',
    ref,
    ...(source.sha === null ? {} : { sha: source.sha }),
    message: `schedule ${schedule.cron}${schedule.timezone && schedule.timezone !== DEFAULT_TIMEZONE ? ` (${schedule.timezone})` : ''}`,
    trigger: { schedule: { id: schedule.id, cron: schedule.cron, timezone: schedule.timezone }, scheduledAt: new Date(scheduledAt).toISOString(), missed },
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
}
