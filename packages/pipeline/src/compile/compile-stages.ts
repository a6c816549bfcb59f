import type { PipelineInput } from '../schema/pipeline-schema.js';
import type { CompileContext } from './compile-context.js';
import { didYouMean } from './suggest.js';
import type { TreePath } from './yaml-tree.js';

export interface JobNeeds {
  stage?: string;
  /** Job keys this job waits for: its explicit `needs:`, else every job of the previous non-empty stage. */
  keys: string[];
  /** Where each needed key comes from (a `needs:` entry or the job's `stage:`), for diagnostics. */
  paths: TreePath[];
}

/**
 * Turns stages and `needs:` into needs edges between job keys. With `stages:`, every job belongs to
 * a stage: its `stage:`, or the first stage when it names none (so a job without a stage starts
 * right away, like a job in a pipeline without stages). A job waits for every job of the nearest
 * earlier stage that has jobs, unless it lists `needs:` itself (explicit needs win; `needs: []`
 * means none).
 */
export function compileStages(input: PipelineInput, ctx: CompileContext): Map<string, JobNeeds> {
  const stages = input.stages ?? [];
  const stageOf = new Map<string, string | undefined>();
  for (const [key, job] of Object.entries(input.jobs)) {
    if (job.stage !== undefined && !stages.includes(job.stage)) {
      const message =
        stages.length === 0
          ? `job "${key}" names stage "${job.stage}" but the pipeline declares no stages:`
          : `job "${key}" names stage "${job.stage}", which is not one of stages: ${stages.join(', ')}`;
      ctx.report('ERR_PIPELINE_UNKNOWN_STAGE', message, ['jobs', key, 'stage'], { suggestions: didYouMean(job.stage, stages) });
    }
    stageOf.set(key, stages.length === 0 ? undefined : stages.includes(job.stage ?? '') ? job.stage : stages[0]);
  }
  const members = new Map<string, string[]>(stages.map((s) => [s, []]));
  for (const [key, stage] of stageOf) if (stage !== undefined) members.get(stage)?.push(key);

  const result = new Map<string, JobNeeds>();
  for (const [key, job] of Object.entries(input.jobs)) {
    const stage = stageOf.get(key);
    const entry: JobNeeds = stage === undefined ? { keys: [], paths: [] } : { stage, keys: [], paths: [] };
    if (job.needs !== undefined) {
      const list = Array.isArray(job.needs) ? job.needs : [job.needs];
      list.forEach((need, i) => {
        if (entry.keys.includes(need)) return;
        entry.keys.push(need);
        entry.paths.push(Array.isArray(job.needs) ? ['jobs', key, 'needs', i] : ['jobs', key, 'needs']);
      });
    } else if (stage !== undefined) {
      const previous = previousStageJobs(stages, stages.indexOf(stage), members);
      entry.keys.push(...previous);
      entry.paths.push(...previous.map(() => ['jobs', key, 'stage']));
    }
    result.set(key, entry);
  }
  return result;
}

function previousStageJobs(stages: string[], index: number, members: Map<string, string[]>): string[] {
  for (let i = index - 1; i >= 0; i--) {
    const jobs = members.get(stages[i]!) ?? [];
    if (jobs.length > 0) return jobs;
  }
  return [];
}
