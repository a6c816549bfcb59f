import type { Selectable } from 'kysely';
import { newId } from '@ritmo/shared';
import { fetchPage, type Keyset, type Page, type PageRequest } from '../../pagination/page.js';
import type { PromotionsTable } from '../../schema/delivery-tables.js';
import { conflict } from '../conflict.js';
import { withDbErrors } from '../db-errors.js';
import { fromJson, toJson } from '../json-columns.js';
import { required } from '../not-found.js';
import type { RepoContext } from '../repo-context.js';
import { statusGuard } from '../status-guard.js';
import type { DeploymentApproval } from './deployments-repository.js';

export type PromotionStatus = 'pending' | 'promoted';

/** An artifact moving up one level: pending while it collects approvals, then promoted. */
export interface Promotion {
  id: string;
  projectId: string;
  artifactId: string;
  digest: string;
  fromLevel: string | null;
  toLevel: string;
  status: PromotionStatus;
  /** Who promoted it (a user id). */
  actor: string | null;
  approvals: DeploymentApproval[];
  createdAt: number;
  finishedAt: number | null;
}

export type NewPromotion = Pick<Promotion, 'projectId' | 'artifactId' | 'digest' | 'fromLevel' | 'toLevel' | 'status'> &
  Partial<Pick<Promotion, 'actor' | 'approvals' | 'finishedAt'>> & { id?: string };

export type PromotionPatch = Partial<Pick<Promotion, 'status' | 'actor' | 'approvals' | 'finishedAt' | 'fromLevel' | 'artifactId'>>;

export interface PromotionsRepository {
  getPromotion(id: string): Promise<Promotion>;
  /** The pending promotion of a digest to a level, if approvals are being collected for it. */
  findPendingPromotion(projectId: string, digest: string, toLevel: string): Promise<Promotion | undefined>;
  /** Newest first. */
  listPromotions(projectId: string, filter?: { digest?: string }, page?: PageRequest): Promise<Page<Promotion>>;
  createPromotion(input: NewPromotion): Promise<Promotion>;
  updatePromotion(id: string, patch: PromotionPatch, guard?: { ifStatus?: readonly PromotionStatus[] }): Promise<Promotion>;
}

function toPromotion(row: Selectable<PromotionsTable>): Promotion {
  return {
    id: row.id,
    projectId: row.project_id,
    artifactId: row.artifact_id,
    digest: row.digest,
    fromLevel: row.from_level,
    toLevel: row.to_level,
    status: row.status as PromotionStatus,
    actor: row.actor,
    approvals: fromJson<DeploymentApproval[]>(row.approvals),
    createdAt: Number(row.created_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
  };
}

const newestFirst: Keyset<Promotion> = {
  listing: 'promotions',
  sortColumn: 'created_at',
  idColumn: 'id',
  direction: 'desc',
  keyType: 'number',
  keyOf: (p) => [p.createdAt, p.id],
};

export function createPromotionsRepository(ctx: RepoContext): PromotionsRepository {
  const find = async (id: string): Promise<Promotion | undefined> => {
    const row = await ctx.db.selectFrom('promotions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toPromotion(row);
  };
  return {
    getPromotion: async (id) => required(await find(id), 'promotion', { id }),

    async findPendingPromotion(projectId, digest, toLevel) {
      const row = await ctx.db
        .selectFrom('promotions')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('digest', '=', digest)
        .where('to_level', '=', toLevel)
        .where('status', '=', 'pending')
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toPromotion(row);
    },

    listPromotions(projectId, filter = {}, page) {
      let query = ctx.db.selectFrom('promotions').selectAll().where('project_id', '=', projectId);
      if (filter.digest !== undefined) query = query.where('digest', '=', filter.digest);
      return fetchPage(query, newestFirst, page, toPromotion);
    },

    async createPromotion(input) {
      const now = ctx.clock.now();
      const row = await withDbErrors('promotion', { digest: input.digest, toLevel: input.toLevel }, () =>
        ctx.db
          .insertInto('promotions')
          .values({
            id: input.id ?? newId('pr_', now),
            project_id: input.projectId,
            artifact_id: input.artifactId,
            digest: input.digest,
            from_level: input.fromLevel,
            to_level: input.toLevel,
            status: input.status,
            actor: input.actor ?? null,
            approvals: toJson(input.approvals ?? []),
            created_at: now,
            finished_at: input.finishedAt ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toPromotion(row);
    },

    async updatePromotion(id, patch, guard = {}) {
      const { approvals, finishedAt, fromLevel, artifactId, ...rest } = patch;
      const row = await ctx.db
        .updateTable('promotions')
        .set({
          ...rest,
          ...(approvals === undefined ? {} : { approvals: toJson(approvals) }),
          ...(finishedAt === undefined ? {} : { finished_at: finishedAt }),
          ...(fromLevel === undefined ? {} : { from_level: fromLevel }),
          ...(artifactId === undefined ? {} : { artifact_id: artifactId }),
        })
        .where('id', '=', id)
        .where(statusGuard(guard.ifStatus))
        .returningAll()
        .executeTakeFirst();
      if (row) return toPromotion(row);
      const current = required(await find(id), 'promotion', { id });
      throw conflict('promotion', { id }, current.status, guard.ifStatus ?? []);
    },
  };
}
