import { RitmoError } from '@ritmo/shared';
import type { Project, WebhookDelivery } from '@ritmo/store';
import { decodePayload } from './decode-payload.js';
import type { HookDeps } from './hook-deps.js';
import { getHookProvider } from './providers/hook-providers.js';
import { settle, type DeliveryAnswer } from './receive-delivery.js';

/**
 * Delivers a recorded, verified delivery again: its stored bytes go through the same steps as a new
 * delivery except signature checking (done when it arrived) and deduplication (asking again is the
 * point). The new record points at the original through `redeliveryOf`.
 */
export async function redeliver(deps: HookDeps, project: Project, original: WebhookDelivery): Promise<DeliveryAnswer> {
  const source = original.redeliveryOf === null ? original : await deps.store.webhookDeliveries.getWebhookDelivery(original.redeliveryOf);
  if (!source.verified || source.body === null) {
    throw new RitmoError('ERR_HOOK_NOT_REDELIVERABLE', `delivery ${original.id} was ${original.status}${original.result ? ` (${original.result})` : ''}; only verified deliveries can be delivered again`);
  }
  const provider = getHookProvider(deps.providers, source.provider);
  const event = provider.normalize(source.event ?? undefined, decodePayload(source.body, source.headers['content-type']));
  const copy = await deps.store.webhookDeliveries.createWebhookDelivery({
    projectId: project.id,
    provider: source.provider,
    deliveryId: source.deliveryId,
    // Not a new verified delivery: the original keeps the dedupe key.
    verified: false,
    event: source.event,
    headers: source.headers,
    body: source.body,
    status: 'received',
    httpStatus: 202,
    redeliveryOf: source.id,
  });
  return settle(deps, project, copy, event);
}
