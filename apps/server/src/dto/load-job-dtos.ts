import type * as api from '@ritmo/protocol';
import type { Job, Step, StepStatus, Store } from '@ritmo/store';
import { toJobDto } from './to-build-dto.js';

/**
 * The API form of a build's jobs with the steps and log size of each job's current attempt, in two
 * queries (instead of two per job). Log chunks never overlap, so the sum of their lengths is the size.
 */
export async function loadJobDtos(db: Store['db'], jobs: readonly Job[]): Promise<api.Job[]> {
  if (jobs.length === 0) return [];
  const ids = jobs.map((j) => j.id);
  const [stepRows, sizeRows] = await Promise.all([
    db.selectFrom('steps').selectAll().where('job_id', 'in', ids).orderBy('position').execute(),
    db
      .selectFrom('log_chunks')
      .select((eb) => ['job_id', 'attempt', eb.fn.sum<number | string>('length').as('size')])
      .where('job_id', 'in', ids)
      .groupBy(['job_id', 'attempt'])
      .execute(),
  ]);
  const attemptOf = new Map(jobs.map((j) => [j.id, j.attempt]));
  const steps = new Map<string, Step[]>();
  for (const r of stepRows) {
    if (attemptOf.get(r.job_id) !== r.attempt) continue;
    const list = steps.get(r.job_id) ?? [];
    list.push({
      jobId: r.job_id,
      attempt: r.attempt,
      stepId: r.step_id,
      position: r.position,
      name: r.name,
      status: r.status as StepStatus,
      exitCode: r.exit_code,
      startedAt: r.started_at === null ? null : Number(r.started_at),
      finishedAt: r.finished_at === null ? null : Number(r.finished_at),
    });
    steps.set(r.job_id, list);
  }
  const sizes = new Map<string, number>();
  for (const r of sizeRows) if (attemptOf.get(r.job_id) === r.attempt) sizes.set(r.job_id, Number(r.size));
  return jobs.map((j) => toJobDto(j, steps.get(j.id) ?? [], sizes.get(j.id) ?? 0));
}
