import type { Selectable } from 'kysely';
import { newId } from '@ritmo/shared';
import { fetchPage, type Keyset, type Page, type PageRequest } from '../pagination/page.js';
import type { WebhookDeliveriesTable } from '../schema/trigger-tables.js';
import type { DeliveryStatus } from '../statuses.js';
import { withDbErrors } from './db-errors.js';
import { fromJson, toJson } from './json-columns.js';
import { notFound, required } from './not-found.js';
import type { RepoContext } from './repo-context.js';

/** One webhook request as received, with what became of it. */
export interface WebhookDelivery {
  id: string;
  projectId: string;
  provider: string;
  /** The provider's delivery id header, when present. */
  deliveryId: string | null;
  /** The signature checked out. Only verified deliveries take part in deduplication. */
  verified: boolean;
  event: string | null;
  headers: Record<string, string>;
  body: Buffer | null;
  status: DeliveryStatus;
  httpStatus: number;
  /** Why: the build created, or the reason none was. */
  result: string | null;
  buildId: string | null;
  redeliveryOf: string | null;
  receivedAt: number;
}

/** Listings leave the body out. */
export type WebhookDeliverySummary = Omit<WebhookDelivery, 'body'>;

export interface NewWebhookDelivery {
  id?: string;
  projectId: string;
  provider: string;
  deliveryId?: string | null;
  verified: boolean;
  event?: string | null;
  headers?: Record<string, string>;
  body?: Buffer | null;
  status: DeliveryStatus;
  httpStatus: number;
  result?: string | null;
  buildId?: string | null;
  redeliveryOf?: string | null;
}

export type WebhookDeliveryPatch = Partial<Pick<WebhookDelivery, 'status' | 'httpStatus' | 'result' | 'buildId' | 'event'>>;

export interface WebhookDeliveryFilter {
  projectId?: string;
  provider?: string;
  status?: DeliveryStatus;
}

export interface WebhookDeliveriesRepository {
  getWebhookDelivery(id: string): Promise<WebhookDelivery>;
  findWebhookDelivery(id: string): Promise<WebhookDelivery | undefined>;
  /** The verified delivery with this provider delivery id, if one was recorded. */
  findVerifiedDelivery(projectId: string, provider: string, deliveryId: string): Promise<WebhookDelivery | undefined>;
  listWebhookDeliveries(filter?: WebhookDeliveryFilter, page?: PageRequest): Promise<Page<WebhookDeliverySummary>>;
  /** ERR_STORE_ALREADY_EXISTS when a verified delivery with the same id was recorded before (a replay). */
  createWebhookDelivery(input: NewWebhookDelivery): Promise<WebhookDelivery>;
  updateWebhookDelivery(id: string, patch: WebhookDeliveryPatch): Promise<WebhookDelivery>;
  deleteWebhookDelivery(id: string): Promise<void>;
}

type SummaryRow = Omit<Selectable<WebhookDeliveriesTable>, 'body'>;

const SUMMARY_COLUMNS = [
  'id',
  'project_id',
  'provider',
  'delivery_id',
  'dedupe_key',
  'event',
  'headers',
  'status',
  'http_status',
  'result',
  'build_id',
  'redelivery_of',
  'received_at',
] as const satisfies readonly (keyof SummaryRow)[];

function toSummary(row: SummaryRow): WebhookDeliverySummary {
  return {
    id: row.id,
    projectId: row.project_id,
    provider: row.provider,
    deliveryId: row.delivery_id,
    verified: row.dedupe_key !== null,
    event: row.event,
    headers: fromJson<Record<string, string>>(row.headers),
    status: row.status as DeliveryStatus,
    httpStatus: row.http_status,
    result: row.result,
    buildId: row.build_id,
    redeliveryOf: row.redelivery_of,
    receivedAt: row.received_at,
  };
}

function toDelivery(row: Selectable<WebhookDeliveriesTable>): WebhookDelivery {
  return { ...toSummary(row), body: row.body };
}

const newestFirst: Keyset<WebhookDeliverySummary> = {
  listing: 'webhook-deliveries',
  sortColumn: 'received_at',
  idColumn: 'id',
  direction: 'desc',
  keyType: 'number',
  keyOf: (d) => [d.receivedAt, d.id],
};

export function createWebhookDeliveriesRepository(ctx: RepoContext): WebhookDeliveriesRepository {
  const findWebhookDelivery = async (id: string): Promise<WebhookDelivery | undefined> => {
    const row = await ctx.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toDelivery(row);
  };

  return {
    findWebhookDelivery,
    getWebhookDelivery: async (id) => required(await findWebhookDelivery(id), 'webhook delivery', { id }),

    async findVerifiedDelivery(projectId, provider, deliveryId) {
      const row = await ctx.db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('provider', '=', provider)
        .where('dedupe_key', '=', deliveryId)
        .executeTakeFirst();
      return row && toDelivery(row);
    },

    listWebhookDeliveries(filter = {}, page) {
      let query = ctx.db.selectFrom('webhook_deliveries').select(SUMMARY_COLUMNS);
      if (filter.projectId !== undefined) query = query.where('project_id', '=', filter.projectId);
      if (filter.provider !== undefined) query = query.where('provider', '=', filter.provider);
      if (filter.status !== undefined) query = query.where('status', '=', filter.status);
      return fetchPage(query, newestFirst, page, toSummary);
    },

    async createWebhookDelivery(input) {
      const now = ctx.clock.now();
      const deliveryId = input.deliveryId ?? null;
      const row = await withDbErrors('webhook delivery', { provider: input.provider, deliveryId }, () =>
        ctx.db
          .insertInto('webhook_deliveries')
          .values({
            id: input.id ?? newId('wd_', now),
            project_id: input.projectId,
            provider: input.provider,
            delivery_id: deliveryId,
            dedupe_key: input.verified ? deliveryId : null,
            event: input.event ?? null,
            headers: toJson(input.headers ?? {}),
            body: input.body ?? null,
            status: input.status,
            http_status: input.httpStatus,
            result: input.result ?? null,
            build_id: input.buildId ?? null,
            redelivery_of: input.redeliveryOf ?? null,
            received_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toDelivery(row);
    },

    async updateWebhookDelivery(id, patch) {
      const values = { status: patch.status, http_status: patch.httpStatus, result: patch.result, build_id: patch.buildId, event: patch.event };
      if (Object.values(values).every((v) => v === undefined)) return required(await findWebhookDelivery(id), 'webhook delivery', { id });
      const row = await withDbErrors('webhook delivery', { id }, () =>
        ctx.db.updateTable('webhook_deliveries').set(values).where('id', '=', id).returningAll().executeTakeFirst(),
      );
      return toDelivery(required(row, 'webhook delivery', { id }));
    },

    async deleteWebhookDelivery(id) {
      const result = await ctx.db.deleteFrom('webhook_deliveries').where('id', '=', id).executeTakeFirst();
      if (result.numDeletedRows === 0n) throw notFound('webhook delivery', { id });
    },
  };
}
