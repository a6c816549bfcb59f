import type { Selectable } from 'kysely';
import { newId } from '@ritmo/shared';
import { fetchPage, type Keyset, type Page, type PageRequest } from '../pagination/page.js';
import type { AuditEventsTable } from '../schema/identity-tables.js';
import { fromJson, toJson } from './json-columns.js';
import { required } from './not-found.js';
import type { RepoContext } from './repo-context.js';

/** One state-changing action: who did what to which target. Append-only. */
export interface AuditEvent {
  id: string;
  /** User id, agent id or `system`. */
  actor: string | null;
  /** Dotted verb: `build.cancel`, `secret.put`, `member.create` ... */
  action: string;
  targetType: string;
  targetId: string | null;
  projectId: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
  at: number;
}

export interface NewAuditEvent {
  actor: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  projectId?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
  at?: number;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  projectId?: string;
  targetType?: string;
  targetId?: string;
  /** Inclusive lower bound on `at`. */
  since?: number;
  /** Exclusive upper bound on `at`. */
  until?: number;
}

export interface AuditRepository {
  getAuditEvent(id: string): Promise<AuditEvent>;
  findAuditEvent(id: string): Promise<AuditEvent | undefined>;
  /** Newest first. */
  listAuditEvents(filter?: AuditFilter, page?: PageRequest): Promise<Page<AuditEvent>>;
  createAuditEvent(input: NewAuditEvent): Promise<AuditEvent>;
  /** Retention: removes events older than `before`; returns how many. */
  deleteAuditEventsBefore(before: number): Promise<number>;
}

function toEvent(row: Selectable<AuditEventsTable>): AuditEvent {
  return {
    id: row.id,
    actor: row.actor,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    projectId: row.project_id,
    requestId: row.request_id,
    details: fromJson<Record<string, unknown>>(row.details),
    at: row.at,
  };
}

const newestFirst: Keyset<AuditEvent> = {
  listing: 'audit',
  sortColumn: 'at',
  idColumn: 'id',
  direction: 'desc',
  keyType: 'number',
  keyOf: (e) => [e.at, e.id],
};

export function createAuditRepository(ctx: RepoContext): AuditRepository {
  const findAuditEvent = async (id: string): Promise<AuditEvent | undefined> => {
    const row = await ctx.db.selectFrom('audit_events').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toEvent(row);
  };

  return {
    findAuditEvent,
    getAuditEvent: async (id) => required(await findAuditEvent(id), 'audit event', { id }),

    listAuditEvents(filter = {}, page) {
      let query = ctx.db.selectFrom('audit_events').selectAll();
      if (filter.actor !== undefined) query = query.where('actor', '=', filter.actor);
      if (filter.action !== undefined) query = query.where('action', '=', filter.action);
      if (filter.projectId !== undefined) query = query.where('project_id', '=', filter.projectId);
      if (filter.targetType !== undefined) query = query.where('target_type', '=', filter.targetType);
      if (filter.targetId !== undefined) query = query.where('target_id', '=', filter.targetId);
      if (filter.since !== undefined) query = query.where('at', '>=', filter.since);
      if (filter.until !== undefined) query = query.where('at', '<', filter.until);
      return fetchPage(query, newestFirst, page, toEvent);
    },

    async createAuditEvent(input) {
      const at = input.at ?? ctx.clock.now();
      const row = await ctx.db
        .insertInto('audit_events')
        .values({
          id: newId('ev_', at),
          actor: input.actor,
          action: input.action,
          target_type: input.targetType,
          target_id: input.targetId ?? null,
          project_id: input.projectId ?? null,
          request_id: input.requestId ?? null,
          details: toJson(input.details ?? {}),
          at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toEvent(row);
    },

    async deleteAuditEventsBefore(before) {
      const result = await ctx.db.deleteFrom('audit_events').where('at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
