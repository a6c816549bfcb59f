import { z } from 'zod';
import * as api from '@ritmo/protocol';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { toHookHeaders } from '../hooks/hook-headers.js';
import { getHookProvider } from '../hooks/providers/hook-providers.js';
import { rawBodyOf } from '../hooks/raw-body.js';
import { withDelivery } from '../hooks/record-rejection.js';
import { receiveDelivery, type DeliveryAnswer } from '../hooks/receive-delivery.js';
import { findProjectOr404 } from './lookups.js';
import type { TriggerRouteDeps } from './trigger-route-deps.js';

const HookParams = z.strictObject({
  provider: z.string().regex(/^[a-z]{1,32}$/, 'must be a provider name'),
  project: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be a project name or id'),
});

export function toDeliveryResult(answer: DeliveryAnswer): api.HookDeliveryResult {
  const build = 'build' in answer.outcome ? answer.outcome.build : undefined;
  return { delivery: answer.delivery.id, status: answer.outcome.status, result: answer.outcome.result, build: build ? { id: build.id, number: build.number } : null };
}

/**
 * The webhook endpoint. It is public (forges carry no Ritmo credentials): each delivery proves itself
 * with the project's webhook secret over the raw body, which this route receives unparsed.
 */
export function hookRoutes(deps: TriggerRouteDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'POST',
      path: '/api/v1/hooks/{provider}/{project}',
      summary: 'Receive a webhook delivery (github, gitlab, gitea, forgejo, gogs, generic), signed with the project secret WEBHOOK_SECRET',
      tag: 'webhooks',
      params: HookParams,
      response: { status: 202, schema: api.HookDeliveryResult, description: '202 with the build created; 200 when the delivery was valid but started nothing (the result says why) or was a replay' },
      errors: [
        'ERR_HOOK_UNKNOWN_PROVIDER',
        'ERR_API_PROJECT_NOT_FOUND',
        'ERR_HOOK_NOT_CONFIGURED',
        'ERR_HOOK_SIGNATURE_MISSING',
        'ERR_HOOK_SIGNATURE_INVALID',
        'ERR_HOOK_TIMESTAMP_STALE',
        'ERR_HOOK_BODY_TOO_LARGE',
        'ERR_HOOK_MALFORMED_PAYLOAD',
        'ERR_HOOK_UNSUPPORTED_EVENT',
        'ERR_API_PIPELINE_INVALID',
        'ERR_API_REPO_UNAVAILABLE',
      ],
      guard: 'public',
      handler: async ({ params, request, reply }) => {
        const provider = getHookProvider(deps.hooks.providers, params.provider);
        const project = await findProjectOr404(deps.store, params.project);
        const body = rawBodyOf(request.body);
        // The rest of an oversized body is never read: close the connection after answering.
        if (body.tooLarge) reply.header('connection', 'close');
        const answer = await receiveDelivery(deps.hooks, { project, provider, headers: toHookHeaders(request.headers), body });
        // Recorded as failed (no pipeline could be read, or it has errors): answered as that error.
        if (answer.outcome.status === 'failed' && 'error' in answer.outcome && answer.outcome.error) throw withDelivery(answer.outcome.error, answer.delivery.id);
        return reply.code(answer.httpStatus).send(toDeliveryResult(answer));
      },
    }),
  ];
}
