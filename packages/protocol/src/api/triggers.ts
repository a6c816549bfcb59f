import { z } from 'zod';
import { BuildStatus, Cursor, Id, Timestamp } from './common.js';
import { InputValue } from './build.js';

export const WebhookProvider = z.enum(['github', 'gitlab', 'gitea', 'forgejo', 'gogs', 'generic']);
export type WebhookProvider = z.infer<typeof WebhookProvider>;

/** What became of a delivery; `result` says why. */
export const DeliveryStatus = z.enum(['received', 'accepted', 'ignored', 'rejected', 'duplicate', 'failed']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** One webhook request as recorded (signature and token headers redacted). */
export const WebhookDelivery = z.object({
  id: Id,
  projectId: Id,
  provider: z.string(),
  /** The provider's delivery id (or `sha256:<body hash>` when it sent none). */
  deliveryId: z.string().nullable(),
  /** The signature checked out and this record holds the delivery id for deduplication. */
  verified: z.boolean(),
  event: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
  status: DeliveryStatus,
  /** The HTTP status the sender got. */
  httpStatus: z.number().int(),
  result: z.string().nullable(),
  buildId: Id.nullable(),
  redeliveryOf: Id.nullable(),
  receivedAt: Timestamp,
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

/** A delivery with its body (as UTF-8 text; only verified deliveries keep one). */
export const WebhookDeliveryDetail = WebhookDelivery.extend({ body: z.string().nullable() });
export type WebhookDeliveryDetail = z.infer<typeof WebhookDeliveryDetail>;

export const ListDeliveriesQuery = z.strictObject({
  provider: WebhookProvider.optional(),
  status: DeliveryStatus.optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListDeliveriesQuery = z.infer<typeof ListDeliveriesQuery>;

/** The answer to a webhook delivery (and to a redelivery). */
export const HookDeliveryResult = z.object({
  delivery: Id,
  status: DeliveryStatus,
  result: z.string(),
  build: z.object({ id: Id, number: z.number().int() }).nullable(),
});
export type HookDeliveryResult = z.infer<typeof HookDeliveryResult>;

/** A cron line of the project's pipeline, as the scheduler keeps it. */
export const Schedule = z.object({
  id: Id,
  projectId: Id,
  pipeline: z.string(),
  cron: z.string(),
  timezone: z.string().nullable(),
  branch: z.string().nullable(),
  enabled: z.boolean(),
  nextRunAt: Timestamp,
  lastRunAt: Timestamp.nullable(),
  lastBuildId: Id.nullable(),
});
export type Schedule = z.infer<typeof Schedule>;

export const PutUpstreamRequest = z.strictObject({
  /** Final statuses of the upstream build that trigger this project (default: success). */
  statuses: z.array(BuildStatus.extract(['success', 'failure', 'canceled'])).min(1).max(3).default(['success']),
  /** Branch patterns the upstream build must be on; omitted or null: any branch (and tags). */
  branches: z.array(z.string().min(1).max(255)).min(1).max(50).nullable().default(null),
});
export type PutUpstreamRequest = z.infer<typeof PutUpstreamRequest>;

/** This project is built when a build of `upstream` ends with one of `statuses`. */
export const UpstreamTrigger = z.object({
  upstream: z.string(),
  upstreamProjectId: Id,
  statuses: z.array(z.string()),
  branches: z.array(z.string()).nullable(),
  createdAt: Timestamp,
});
export type UpstreamTrigger = z.infer<typeof UpstreamTrigger>;

/** The project's trigger token, shown once when created or rotated. */
export const TriggerToken = z.object({ token: z.string(), usage: z.string() });
export type TriggerToken = z.infer<typeof TriggerToken>;

/** A build started with a trigger token. */
export const ApiTriggerRequest = z.strictObject({
  ref: z.string().min(1).max(255).optional(),
  sha: z.string().regex(/^[0-9a-f]{7,64}$/, 'must be a hex commit sha').optional(),
  inputs: z.record(z.string().max(128), InputValue).optional(),
});
export type ApiTriggerRequest = z.infer<typeof ApiTriggerRequest>;
