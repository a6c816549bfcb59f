import type { Selectable } from 'kysely';
import { newId } from '@ritmo/shared';
import { fetchPage, type Keyset, type Page, type PageRequest } from '../pagination/page.js';
import type { SchedulesTable } from '../schema/trigger-tables.js';
import { fromFlag, toFlag } from './json-columns.js';
import { notFound, required } from './not-found.js';
import type { RepoContext } from './repo-context.js';

/** One cron line of a pipeline, with the next tick it fires and the lease of the server firing it. */
export interface Schedule {
  id: string;
  projectId: string;
  pipelineId: string;
  cron: string;
  timezone: string | null;
  branch: string | null;
  enabled: boolean;
  nextRunAt: number;
  /** The tick last fired. */
  lastRunAt: number | null;
  lastBuildId: string | null;
  /** The server instance firing a tick right now (until lockExpiresAt). */
  lockedBy: string | null;
  lockExpiresAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface NewSchedule {
  id?: string;
  projectId: string;
  pipelineId: string;
  cron: string;
  /** Required (not null) so that the unique key on the line holds: NULLs never collide. */
  timezone: string;
  branch: string;
  enabled?: boolean;
  nextRunAt: number;
}

export type SchedulePatch = Partial<Pick<Schedule, 'enabled' | 'nextRunAt' | 'lastBuildId'>>;

/** A tick to take: it is taken only if the schedule is still due at `dueAt` and no live lease holds it. */
export interface ScheduleTick {
  id: string;
  dueAt: number;
  /** The tick after this one, written in the same statement that takes this one. */
  nextRunAt: number;
  owner: string;
  leaseMs: number;
  /** The tick actually fired, recorded as `lastRunAt` (a later one than `dueAt` after missed ticks). */
  firedAt?: number;
}

export interface SchedulesRepository {
  getSchedule(id: string): Promise<Schedule>;
  findSchedule(id: string): Promise<Schedule | undefined>;
  listSchedules(filter: { projectId?: string; pipelineId?: string }, page?: PageRequest): Promise<Page<Schedule>>;
  /** Enabled schedules whose next tick is at or before `now` and that no live lease holds, oldest tick first. */
  listDueSchedules(now: number, limit?: number): Promise<Schedule[]>;
  /** The earliest next tick of any enabled schedule (to sleep until), or undefined. */
  findNextRunAt(): Promise<number | undefined>;
  /** Creates the schedule unless the same line (pipeline, cron, timezone, branch) exists; returns the stored one. */
  ensureSchedule(input: NewSchedule): Promise<Schedule>;
  updateSchedule(id: string, patch: SchedulePatch): Promise<Schedule>;
  deleteSchedule(id: string): Promise<void>;
  /**
   * Takes one tick with a single conditional UPDATE: true for exactly one caller however many servers
   * try. It moves `nextRunAt` on and records the tick as fired, so a restart never fires it again.
   */
  claimScheduleTick(tick: ScheduleTick): Promise<boolean>;
  /** Ends the lease taken by claimScheduleTick, recording the build it started (if any). */
  releaseScheduleTick(id: string, owner: string, buildId: string | null): Promise<void>;
}

function toSchedule(row: Selectable<SchedulesTable>): Schedule {
  return {
    id: row.id,
    projectId: row.project_id,
    pipelineId: row.pipeline_id,
    cron: row.cron,
    timezone: row.timezone,
    branch: row.branch,
    enabled: fromFlag(row.enabled),
    nextRunAt: Number(row.next_run_at),
    lastRunAt: row.last_run_at === null ? null : Number(row.last_run_at),
    lastBuildId: row.last_build_id,
    lockedBy: row.locked_by,
    lockExpiresAt: row.lock_expires_at === null ? null : Number(row.lock_expires_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

const byCreation: Keyset<Schedule> = {
  listing: 'schedules',
  sortColumn: 'created_at',
  idColumn: 'id',
  direction: 'asc',
  keyType: 'number',
  keyOf: (s) => [s.createdAt, s.id],
};

export function createSchedulesRepository(ctx: RepoContext): SchedulesRepository {
  const findSchedule = async (id: string): Promise<Schedule | undefined> => {
    const row = await ctx.db.selectFrom('schedules').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toSchedule(row);
  };
  const findLine = async (input: NewSchedule): Promise<Schedule | undefined> => {
    const row = await ctx.db
      .selectFrom('schedules')
      .selectAll()
      .where('pipeline_id', '=', input.pipelineId)
      .where('cron', '=', input.cron)
      .where('timezone', '=', input.timezone)
      .where('branch', '=', input.branch)
      .executeTakeFirst();
    return row && toSchedule(row);
  };

  return {
    findSchedule,
    getSchedule: async (id) => required(await findSchedule(id), 'schedule', { id }),

    listSchedules(filter, page) {
      let query = ctx.db.selectFrom('schedules').selectAll();
      if (filter.projectId !== undefined) query = query.where('project_id', '=', filter.projectId);
      if (filter.pipelineId !== undefined) query = query.where('pipeline_id', '=', filter.pipelineId);
      return fetchPage(query, byCreation, page, toSchedule);
    },

    async listDueSchedules(now, limit = 100) {
      const rows = await ctx.db
        .selectFrom('schedules')
        .selectAll()
        .where('enabled', '=', 1)
        .where('next_run_at', '<=', now)
        .where((eb) => eb.or([eb('lock_expires_at', 'is', null), eb('lock_expires_at', '<=', now)]))
        .orderBy('next_run_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toSchedule);
    },

    async findNextRunAt() {
      const row = await ctx.db.selectFrom('schedules').select((eb) => eb.fn.min('next_run_at').as('next')).where('enabled', '=', 1).executeTakeFirst();
      return row?.next == null ? undefined : Number(row.next);
    },

    async ensureSchedule(input) {
      const now = ctx.clock.now();
      await ctx.db
        .insertInto('schedules')
        .values({
          id: input.id ?? newId('sch_', now),
          project_id: input.projectId,
          pipeline_id: input.pipelineId,
          cron: input.cron,
          timezone: input.timezone,
          branch: input.branch,
          enabled: toFlag(input.enabled ?? true),
          next_run_at: input.nextRunAt,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.columns(['pipeline_id', 'cron', 'timezone', 'branch']).doNothing())
        .execute();
      return required(await findLine(input), 'schedule', { pipelineId: input.pipelineId, cron: input.cron });
    },

    async updateSchedule(id, patch) {
      const row = await ctx.db
        .updateTable('schedules')
        .set({
          enabled: patch.enabled === undefined ? undefined : toFlag(patch.enabled),
          next_run_at: patch.nextRunAt,
          last_build_id: patch.lastBuildId,
          updated_at: ctx.clock.now(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return toSchedule(required(row, 'schedule', { id }));
    },

    async deleteSchedule(id) {
      const result = await ctx.db.deleteFrom('schedules').where('id', '=', id).executeTakeFirst();
      if (result.numDeletedRows === 0n) throw notFound('schedule', { id });
    },

    async claimScheduleTick(tick) {
      const now = ctx.clock.now();
      const result = await ctx.db
        .updateTable('schedules')
        .set({ next_run_at: tick.nextRunAt, last_run_at: tick.firedAt ?? tick.dueAt, locked_by: tick.owner, lock_expires_at: now + tick.leaseMs, updated_at: now })
        .where('id', '=', tick.id)
        .where('enabled', '=', 1)
        .where('next_run_at', '=', tick.dueAt)
        .where((eb) => eb.or([eb('lock_expires_at', 'is', null), eb('lock_expires_at', '<=', now)]))
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    async releaseScheduleTick(id, owner, buildId) {
      await ctx.db
        .updateTable('schedules')
        .set({ locked_by: null, lock_expires_at: null, updated_at: ctx.clock.now(), ...(buildId === null ? {} : { last_build_id: buildId }) })
        .where('id', '=', id)
        .where('locked_by', '=', owner)
        .execute();
    },
  };
}
