import * as api from '@ritmo/protocol';
import { projectResource } from '../auth/actor.js';
import type { Action } from '../auth/authorize.js';
import { deliverySettingsOf, putDeliverySettings } from '../deployments/delivery-settings.js';
import { approvePromotion, promoteArtifact } from '../deployments/promote-artifact.js';
import { toPromotionDto, usernamesOf } from '../deployments/to-delivery-dtos.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import type { DeliveryRouteDeps } from './delivery-route-deps.js';
import { findProjectOr404 } from './lookups.js';
import { ProjectParams } from './params.js';
import { recordAudit } from './record-audit.js';

const PROMOTION_ERRORS = [
  'ERR_API_PROJECT_NOT_FOUND',
  'ERR_ARTIFACT_NOT_FOUND',
  'ERR_DEPLOY_LEVEL_UNKNOWN',
  'ERR_DEPLOY_PROMOTION_SKIPS_LEVEL',
  'ERR_DEPLOY_PROMOTION_ROLE',
  'ERR_DEPLOY_UNPROTECTED_BRANCH',
  'ERR_DEPLOY_BUILD_NOT_SUCCESSFUL',
] as const;

/** Promotion levels and protected branches of a project, and artifacts moving up the levels. */
export function promotionRoutes(deps: DeliveryRouteDeps): RouteSpec[] {
  const { store } = deps;
  const guardProject = (action: Action) => async ({ params }: { params: { project: string } }) => {
    const project = await findProjectOr404(store, params.project);
    return { action, resource: projectResource(project.id), loaded: project };
  };
  const toDto = async (p: Parameters<typeof toPromotionDto>[0]) => toPromotionDto(p, await usernamesOf(store, [p.actor]));
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/projects/{project}/delivery',
      summary: 'A project’s protected branches and promotion levels (default dev, staging, prod)',
      tag: 'promotions',
      params: ProjectParams,
      response: { status: 200, schema: api.DeliverySettings },
      errors: ['ERR_API_PROJECT_NOT_FOUND'],
      guard: guardProject('artifact.read'),
      handler: ({ loaded }) => deliverySettingsOf(loaded),
    }),
    defineRoute({
      method: 'PUT',
      path: '/api/v1/projects/{project}/delivery',
      summary: 'Set a project’s protected branches and promotion levels (each: role, approvals, protected branches only)',
      tag: 'promotions',
      params: ProjectParams,
      body: api.PutDeliverySettingsRequest,
      response: { status: 200, schema: api.DeliverySettings },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_DEPLOY_SETTINGS_INVALID'],
      guard: guardProject('delivery.manage'),
      handler: async ({ loaded, body, request }) => {
        const settings = await putDeliverySettings(store, loaded, body);
        await recordAudit(deps, request, { action: 'delivery.update', targetType: 'project', targetId: loaded.id, projectId: loaded.id, details: settings as unknown as Record<string, unknown> });
        return settings;
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/projects/{project}/promotions',
      summary: 'Promotion history (who, when, from which level to which), newest first; ?digest= for one artifact',
      tag: 'promotions',
      params: ProjectParams,
      query: api.ListPromotionsQuery,
      response: { status: 200, schema: api.Page(api.Promotion) },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_STORE_INVALID_CURSOR'],
      guard: guardProject('artifact.read'),
      handler: async ({ loaded, query }) => {
        const page = await store.promotions.listPromotions(loaded.id, query.digest ? { digest: query.digest } : {}, { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
        const usernames = await usernamesOf(store, page.items.map((p) => p.actor));
        return { items: page.items.map((p) => toPromotionDto(p, usernames)), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/projects/{project}/promotions/approvals',
      summary: 'Approve promoting an artifact (by digest) to the next level; levels that need approvals count distinct approvers',
      tag: 'promotions',
      params: ProjectParams,
      body: api.PromoteRequest,
      response: { status: 200, schema: api.Promotion },
      errors: [...PROMOTION_ERRORS, 'ERR_DEPLOY_ALREADY_APPROVED'],
      guard: guardProject('artifact.promote'),
      handler: async ({ loaded, body, actor, request }) => {
        const promotion = await approvePromotion(deps, { project: loaded, actor, digest: body.digest, to: body.to });
        await recordAudit(deps, request, { action: 'promotion.approve', targetType: 'promotion', targetId: promotion.id, projectId: loaded.id, details: { digest: body.digest, to: body.to } });
        return toDto(promotion);
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/projects/{project}/promotions',
      summary: 'Promote an artifact (by digest) to the next level: refused when it skips a level, lacks approvals or comes from an unprotected branch',
      tag: 'promotions',
      params: ProjectParams,
      body: api.PromoteRequest,
      response: { status: 201, schema: api.Promotion },
      errors: [...PROMOTION_ERRORS, 'ERR_DEPLOY_APPROVALS_MISSING'],
      guard: guardProject('artifact.promote'),
      handler: async ({ loaded, body, actor, request }) => {
        const promotion = await promoteArtifact(deps, { project: loaded, actor, digest: body.digest, to: body.to });
        await recordAudit(deps, request, { action: 'promotion.promote', targetType: 'promotion', targetId: promotion.id, projectId: loaded.id, details: { digest: body.digest, from: promotion.fromLevel, to: promotion.toLevel } });
        return toDto(promotion);
      },
    }),
  ];
}
