import * as api from '@ritmo/protocol';
import { RitmoError } from '@ritmo/shared';
import type { Store, WebhookDelivery, WebhookDeliverySummary } from '@ritmo/store';
import { projectResource } from '../auth/actor.js';
import { iso } from '../dto/iso.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { redeliver } from '../hooks/redeliver.js';
import { toDeliveryResult } from './hook-routes.js';
import { findProjectOr404 } from './lookups.js';
import { IdParams, ProjectParams } from './params.js';
import { recordAudit } from './record-audit.js';
import type { TriggerRouteDeps } from './trigger-route-deps.js';

function toDeliveryDto(d: WebhookDeliverySummary): api.WebhookDelivery {
  return {
    id: d.id,
    projectId: d.projectId,
    provider: d.provider,
    deliveryId: d.deliveryId,
    verified: d.verified,
    event: d.event,
    headers: d.headers,
    status: d.status,
    httpStatus: d.httpStatus,
    result: d.result,
    buildId: d.buildId,
    redeliveryOf: d.redeliveryOf,
    receivedAt: iso(d.receivedAt),
  };
}

async function findDeliveryOr404(store: Store, id: string): Promise<WebhookDelivery> {
  const delivery = await store.webhookDeliveries.findWebhookDelivery(id);
  if (!delivery) throw new RitmoError('ERR_HOOK_DELIVERY_NOT_FOUND', `no webhook delivery "${id}"`);
  return delivery;
}

/** Recorded webhook deliveries: list a project's, read one with its body, deliver one again. */
export function deliveryRoutes(deps: TriggerRouteDeps): RouteSpec[] {
  const { store } = deps;
  const guardDelivery = (action: 'delivery.read' | 'delivery.redeliver') => async ({ params }: { params: { id: string } }) => {
    const delivery = await findDeliveryOr404(store, params.id);
    return { action, resource: projectResource(delivery.projectId), loaded: delivery };
  };
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/projects/{project}/deliveries',
      summary: 'List the webhook deliveries of a project, newest first, with what became of each',
      tag: 'webhooks',
      params: ProjectParams,
      query: api.ListDeliveriesQuery,
      response: { status: 200, schema: api.Page(api.WebhookDelivery) },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_STORE_INVALID_CURSOR'],
      guard: async ({ params }) => {
        const project = await findProjectOr404(store, params.project);
        return { action: 'delivery.read', resource: projectResource(project.id), loaded: project };
      },
      handler: async ({ loaded, query }) => {
        const filter = { projectId: loaded.id, ...(query.provider ? { provider: query.provider } : {}), ...(query.status ? { status: query.status } : {}) };
        const page = await store.webhookDeliveries.listWebhookDeliveries(filter, { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
        return { items: page.items.map(toDeliveryDto), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/deliveries/{id}',
      summary: 'Get one webhook delivery with its body',
      tag: 'webhooks',
      params: IdParams,
      response: { status: 200, schema: api.WebhookDeliveryDetail },
      errors: ['ERR_HOOK_DELIVERY_NOT_FOUND'],
      guard: guardDelivery('delivery.read'),
      handler: ({ loaded }) => ({ ...toDeliveryDto(loaded), body: loaded.body === null ? null : loaded.body.toString('utf8') }),
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/deliveries/{id}/redeliver',
      summary: 'Deliver a verified delivery again (same bytes, no deduplication); recorded as a new delivery',
      tag: 'webhooks',
      params: IdParams,
      response: { status: 200, schema: api.HookDeliveryResult },
      errors: ['ERR_HOOK_DELIVERY_NOT_FOUND', 'ERR_HOOK_NOT_REDELIVERABLE'],
      guard: guardDelivery('delivery.redeliver'),
      handler: async ({ loaded, request }) => {
        const project = await store.projects.getProject(loaded.projectId);
        const answer = await redeliver(deps.hooks, project, loaded);
        await recordAudit(deps, request, { action: 'delivery.redeliver', targetType: 'webhook-delivery', targetId: answer.delivery.id, projectId: project.id, details: { of: loaded.id } });
        return toDeliveryResult(answer);
      },
    }),
  ];
}
