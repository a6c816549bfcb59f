import * as api from '@ritmo/protocol';
import { parseDuration, RitmoError } from '@ritmo/shared';
import { userResource } from '../auth/actor.js';
import { generateToken, hashToken, tokenPrefix } from '../auth/tokens.js';
import { toApiTokenDto } from '../dto/to-identity-dto.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { IdParams } from './params.js';
import { recordAudit } from './record-audit.js';
import type { RouteDeps } from './route-deps.js';

/** Personal API tokens (`ritmo_…`): stored hashed, shown once, revocable, optionally expiring. */
export function tokenRoutes(deps: RouteDeps): RouteSpec[] {
  const { store, clock } = deps;
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/tokens',
      summary: 'List your API tokens (never their secrets)',
      tag: 'tokens',
      query: api.PageQuery,
      response: { status: 200, schema: api.Page(api.ApiToken) },
      errors: ['ERR_STORE_INVALID_CURSOR'],
      guard: ({ actor }) => ({ action: 'token.manage', resource: userResource(actor.userId), loaded: undefined }),
      handler: async ({ actor, query }) => {
        const page = await store.apiTokens.listApiTokens({ userId: actor.userId }, query);
        return { items: page.items.map(toApiTokenDto), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/tokens',
      summary: 'Create an API token for yourself; the secret is shown once',
      tag: 'tokens',
      body: api.CreateTokenRequest,
      response: { status: 201, schema: api.CreatedApiToken },
      guard: ({ actor }) => ({ action: 'token.manage', resource: userResource(actor.userId), loaded: undefined }),
      handler: async ({ actor, body, request }) => {
        const token = generateToken('ritmo');
        const lifetime = body.expiresIn === undefined ? undefined : parseDuration(body.expiresIn);
        const created = await store.apiTokens.createApiToken({
          userId: actor.userId,
          name: body.name,
          prefix: tokenPrefix(token),
          tokenHash: hashToken(token),
          expiresAt: lifetime === undefined ? null : clock.now() + lifetime,
        });
        await recordAudit(deps, request, { action: 'token.create', targetType: 'token', targetId: created.id, details: { name: created.name } });
        return { ...toApiTokenDto(created), token };
      },
    }),
    defineRoute({
      method: 'DELETE',
      path: '/api/v1/tokens/{id}',
      summary: 'Revoke an API token (yours, or anyone’s for site administrators)',
      tag: 'tokens',
      params: IdParams,
      response: { status: 204 },
      errors: ['ERR_API_TOKEN_NOT_FOUND'],
      guard: async ({ params }) => {
        const token = await store.apiTokens.findApiToken(params.id);
        if (!token) throw new RitmoError('ERR_API_TOKEN_NOT_FOUND', `no token "${params.id}"`);
        return { action: 'token.manage', resource: userResource(token.userId), loaded: token };
      },
      handler: async ({ loaded, request }) => {
        if (loaded.revokedAt === null) await store.apiTokens.updateApiToken(loaded.id, { revokedAt: clock.now() });
        await recordAudit(deps, request, { action: 'token.revoke', targetType: 'token', targetId: loaded.id });
      },
    }),
  ];
}
