import { newId } from '@ritmo/shared';
import { withDbErrors } from '../db-errors.js';
import { toFlag, toJson } from '../json-columns.js';
import { notFound } from '../not-found.js';
import type { RepoContext } from '../repo-context.js';
import { toBuild, type Build, type NewBuild } from './build-record.js';

/**
 * Takes the project's next build number and inserts the build. Call it inside a transaction: the
 * UPDATE ... RETURNING holds the project row's lock (PostgreSQL) or the write lock (SQLite, BEGIN
 * IMMEDIATE) until commit, so concurrent triggers get distinct, consecutive numbers.
 */
export async function insertBuild(tx: RepoContext, input: NewBuild): Promise<Build> {
  const counter = await tx.db
    .updateTable('projects')
    .set((eb) => ({ next_build_number: eb('next_build_number', '+', 1) }))
    .where('id', '=', input.projectId)
    .returning('next_build_number')
    .executeTakeFirst();
  if (counter === undefined) throw notFound('project', { id: input.projectId });
  const number = Number(counter.next_build_number) - 1;
  const now = tx.clock.now();
  const row = await withDbErrors('build', { projectId: input.projectId, number }, () =>
    tx.db
      .insertInto('builds')
      .values({
        id: input.id ?? newId('b_', now),
        project_id: input.projectId,
        pipeline_id: input.pipelineId ?? null,
        number,
        status: input.status ?? 'queued',
        event: input.event,
        ref: input.ref ?? null,
        sha: input.sha ?? null,
        branch: input.branch ?? null,
        tag: input.tag ?? null,
        actor: input.actor ?? null,
        inputs: toJson(input.inputs ?? {}),
        trusted: toFlag(input.trusted),
        plan: toJson(input.plan),
        message: input.message ?? null,
        trigger: toJson(input.trigger ?? {}),
        concurrency_group: input.concurrencyGroup ?? null,
        error: input.error ?? null,
        canceled_by: null,
        created_at: now,
        started_at: null,
        finished_at: null,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
  return toBuild(row);
}
