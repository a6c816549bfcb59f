import { createHash } from 'node:crypto';
import { isRitmoError, RitmoError } from '@ritmo/shared';
import type { Project, WebhookDelivery } from '@ritmo/store';
import { SCM_SECRETS } from '../scm/project-secret-reader.js';
import { actOnEvent } from './act-on-event.js';
import { decodePayload } from './decode-payload.js';
import type { HookDeps, HookOutcome } from './hook-deps.js';
import type { HookEvent } from './hook-event.js';
import { redactHeaders } from './hook-headers.js';
import type { HookHeaders, HookProvider } from './providers/hook-provider.js';
import type { RawBody } from './raw-body.js';
import { recordRejection } from './record-rejection.js';

export interface DeliveryAnswer {
  httpStatus: number;
  delivery: WebhookDelivery;
  outcome: HookOutcome | { status: 'duplicate'; result: string };
}

/**
 * One webhook request, start to end, every step recorded: size, secret (fail closed), signature over
 * the raw bytes (constant time), JSON, event, then deduplication by delivery id (a replay creates
 * nothing), then the event's effect. Refusals throw their ERR_HOOK_* error after recording.
 */
export async function receiveDelivery(deps: HookDeps, input: { project: Project; provider: HookProvider; headers: HookHeaders; body: RawBody }): Promise<DeliveryAnswer> {
  const { project, provider, headers } = input;
  const { store } = deps;
  const base = {
    projectId: project.id,
    provider: provider.name,
    deliveryId: provider.deliveryId(headers) ?? null,
    event: provider.eventName(headers) ?? null,
    headers: redactHeaders(headers, provider.secretHeaders),
  };
  let event: HookEvent;
  let bytes: Buffer;
  try {
    if (input.body.tooLarge) throw new RitmoError('ERR_HOOK_BODY_TOO_LARGE', 'the delivery body is over the webhook body limit (RITMO_WEBHOOK_BODY_LIMIT)');
    bytes = input.body.bytes;
    const secret = await deps.readSecret(project.id, SCM_SECRETS.webhook);
    if (secret === undefined || secret === '') {
      throw new RitmoError('ERR_HOOK_NOT_CONFIGURED', `project ${project.name} has no webhook secret, so deliveries are refused`, {
        suggestions: [`PUT /api/v1/projects/${project.name}/secrets/${SCM_SECRETS.webhook} with the secret the forge signs with`],
      });
    }
    provider.verify({ headers, body: bytes, secret, now: deps.clock.now() });
    event = provider.normalize(base.event ?? undefined, decodePayload(bytes, headers['content-type']));
  } catch (e: unknown) {
    throw await recordRejection(store, base, e);
  }
  // Deliveries without an id are deduplicated by their exact bytes.
  const deliveryId = base.deliveryId ?? `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  let delivery: WebhookDelivery;
  try {
    delivery = await store.webhookDeliveries.createWebhookDelivery({ ...base, deliveryId, verified: true, body: bytes, status: 'received', httpStatus: 202 });
  } catch (e: unknown) {
    if (!isRitmoError(e, 'ERR_STORE_ALREADY_EXISTS')) throw e;
    const first = await store.webhookDeliveries.findVerifiedDelivery(project.id, provider.name, deliveryId);
    const result = `delivery ${deliveryId} was already received${first ? ` as ${first.id} (${first.status})` : ''}; a replay starts nothing`;
    const duplicate = await store.webhookDeliveries.createWebhookDelivery({ ...base, deliveryId, verified: false, body: null, status: 'duplicate', httpStatus: 200, result });
    return { httpStatus: 200, delivery: duplicate, outcome: { status: 'duplicate', result } };
  }
  return settle(deps, project, delivery, event);
}

/** Runs the event's effect for a stored delivery and records the outcome on it. */
export async function settle(deps: HookDeps, project: Project, delivery: WebhookDelivery, event: HookEvent): Promise<DeliveryAnswer> {
  const outcome = await actOnEvent(deps, project, event, { provider: delivery.provider, delivery: delivery.id });
  const updated = await deps.store.webhookDeliveries.updateWebhookDelivery(delivery.id, {
    status: outcome.status,
    httpStatus: outcome.httpStatus,
    result: outcome.result,
    buildId: outcome.build?.id ?? null,
  });
  if (outcome.status === 'failed') deps.logger.warn({ delivery: delivery.id, projectId: project.id, result: outcome.result }, 'a webhook delivery started no build');
  return { httpStatus: outcome.httpStatus, delivery: updated, outcome };
}
