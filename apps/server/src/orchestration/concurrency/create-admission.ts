import { buildNeedsContext, type ExpressionContext } from '@ritmo/pipeline';
import { toError } from '@ritmo/shared';
import type { Build, Job, Project, StoreTransaction } from '@ritmo/store';
import { enterGroup } from './enter-group.js';
import { evaluateGroup } from './evaluate-group.js';
import type { Eviction } from './eviction.js';

/** What the concurrency groups say about a job the DAG wants to queue; `group` is the job's own group, if any. */
export type Admission = { action: 'open'; group: string | null } | { action: 'wait'; group: string | null } | { action: 'fail'; reason: string };

export interface AdmissionInput {
  build: Build;
  project: Project;
  /** The build's jobs by plan job id, as they stand now (for the `needs` context). */
  jobs: ReadonlyMap<string, Job>;
  /** The build's expression context (expressionContextOf). */
  ctx: ExpressionContext;
  now: number;
}

/**
 * Decides, job by job, whether runnable jobs of one build may be queued as far as concurrency groups
 * go: first the build's own group (pipeline `concurrency:`, evaluated at trigger time; a canceled
 * build needs none), then the job's group (job `concurrency:`, evaluated now with `needs` and
 * `matrix`; a group that fails to evaluate fails the job). Collects the evictions newcomers cause.
 */
export function createAdmission(tx: StoreTransaction, input: AdmissionInput) {
  const { build, project, now } = input;
  const evictions: Eviction[] = [];
  let buildAdmitted: Promise<boolean> | undefined;

  const enterBuildGroup = async (): Promise<boolean> => {
    const group = build.concurrencyGroup;
    if (group === null || build.canceledBy !== null) return true;
    const entered = await enterGroup(
      tx,
      {
        key: { projectId: project.id, scope: 'build', group },
        holder: { holderId: build.id, buildId: build.id },
        cancelInProgress: build.plan.concurrency?.cancelInProgress ?? false,
        label: `build #${build.number}`,
      },
      now,
    );
    evictions.push(...entered.evictions);
    return entered.admitted;
  };

  const jobContext = (job: Job): ExpressionContext => {
    const jobsById = new Map(build.plan.jobs.map((j) => [j.id, j]));
    const needs = buildNeedsContext(job.planJob, {
      jobsById,
      statusOf: (id) => input.jobs.get(id)?.status ?? 'pending',
      outputsOf: (id) => input.jobs.get(id)?.outputs,
    });
    return { ...input.ctx, ritmo: { ...input.ctx.ritmo, job: job.planJobId }, needs, matrix: job.planJob.matrix ?? {} };
  };

  return {
    evictions,
    async admit(job: Job): Promise<Admission> {
      if (!(await (buildAdmitted ??= enterBuildGroup()))) return { action: 'wait', group: null };
      const spec = job.planJob.concurrency;
      if (spec === undefined) return { action: 'open', group: null };
      let group: string | null;
      try {
        group = evaluateGroup(spec.group, jobContext(job));
      } catch (e: unknown) {
        return { action: 'fail', reason: `concurrency group: ${toError(e).message}` };
      }
      if (group === null) return { action: 'open', group: null };
      const entered = await enterGroup(
        tx,
        {
          key: { projectId: project.id, scope: 'job', group },
          holder: { holderId: job.id, buildId: build.id },
          cancelInProgress: spec.cancelInProgress,
          label: `job "${job.name}" of build #${build.number}`,
        },
        now,
      );
      evictions.push(...entered.evictions);
      return { action: entered.admitted ? 'open' : 'wait', group };
    },
  };
}
