import * as api from '@ritmo/protocol';
import { isRitmoError, RitmoError } from '@ritmo/shared';
import type { Store, User } from '@ritmo/store';
import { site, userResource } from '../auth/actor.js';
import { hashPassword } from '../auth/passwords.js';
import { toUserDto } from '../dto/to-identity-dto.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { findUserOr404 } from './lookups.js';
import { UserParams } from './params.js';
import { recordAudit } from './record-audit.js';
import type { RouteDeps } from './route-deps.js';

/** Refuses a change that would leave no enabled site administrator. */
async function keepAnAdmin(store: Store, user: User): Promise<void> {
  if (!user.isAdmin || user.disabled) return;
  const { items } = await store.users.listUsers({}, { limit: 500 });
  if (!items.some((u) => u.id !== user.id && u.isAdmin && !u.disabled)) {
    throw new RitmoError('ERR_API_LAST_ADMIN', `${user.username} is the last enabled administrator`, { suggestions: ['make another user an administrator first'] });
  }
}

/** Users: site administrators manage them; everyone may read and edit their own account. */
export function userRoutes(deps: RouteDeps): RouteSpec[] {
  const { store } = deps;
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/users',
      summary: 'List users (site administrators)',
      tag: 'users',
      query: api.PageQuery,
      response: { status: 200, schema: api.Page(api.User) },
      errors: ['ERR_STORE_INVALID_CURSOR'],
      guard: () => ({ action: 'user.list', resource: site, loaded: undefined }),
      handler: async ({ query }) => {
        const page = await store.users.listUsers({}, query);
        return { items: page.items.map(toUserDto), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/users',
      summary: 'Create a user with a password (site administrators)',
      tag: 'users',
      body: api.CreateUserRequest,
      response: { status: 201, schema: api.User },
      errors: ['ERR_API_USER_EXISTS'],
      guard: () => ({ action: 'user.manage', resource: site, loaded: undefined }),
      handler: async ({ body, request }) => {
        const user = await store.users
          .createUser({
            username: body.username,
            displayName: body.displayName ?? body.username,
            email: body.email ?? null,
            passwordHash: await hashPassword(body.password),
            isAdmin: body.admin ?? false,
          })
          .catch((e: unknown) => {
            if (isRitmoError(e, 'ERR_STORE_ALREADY_EXISTS')) throw new RitmoError('ERR_API_USER_EXISTS', `a user named "${body.username}" already exists`);
            throw e;
          });
        await recordAudit(deps, request, { action: 'user.create', targetType: 'user', targetId: user.id, details: { username: user.username, admin: user.isAdmin } });
        return toUserDto(user);
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/users/{user}',
      summary: 'Get a user by name or id (yourself, or anyone for site administrators)',
      tag: 'users',
      params: UserParams,
      response: { status: 200, schema: api.User },
      errors: ['ERR_API_USER_NOT_FOUND'],
      guard: async ({ params }) => {
        const user = await findUserOr404(store, params.user);
        return { action: 'user.self', resource: userResource(user.id), loaded: user };
      },
      handler: ({ loaded }) => toUserDto(loaded),
    }),
    defineRoute({
      method: 'PATCH',
      path: '/api/v1/users/{user}',
      summary: 'Change a user: name, e-mail and password (yourself), or admin and disabled (site administrators)',
      tag: 'users',
      params: UserParams,
      body: api.UpdateUserRequest,
      response: { status: 200, schema: api.User },
      errors: ['ERR_API_USER_NOT_FOUND', 'ERR_API_LAST_ADMIN'],
      guard: async ({ params, body }) => {
        const user = await findUserOr404(store, params.user);
        const privileged = body.admin !== undefined || body.disabled !== undefined;
        return privileged ? { action: 'user.manage', resource: site, loaded: user } : { action: 'user.self', resource: userResource(user.id), loaded: user };
      },
      handler: async ({ loaded, body, request }) => {
        if (body.admin === false || body.disabled === true) await keepAnAdmin(store, loaded);
        const updated = await store.users.updateUser(loaded.id, {
          ...(body.displayName === undefined ? {} : { displayName: body.displayName }),
          ...(body.email === undefined ? {} : { email: body.email }),
          ...(body.password === undefined ? {} : { passwordHash: await hashPassword(body.password) }),
          ...(body.admin === undefined ? {} : { isAdmin: body.admin }),
          ...(body.disabled === undefined ? {} : { disabled: body.disabled }),
        });
        await recordAudit(deps, request, { action: 'user.update', targetType: 'user', targetId: loaded.id, details: { fields: Object.keys(body) } });
        return toUserDto(updated);
      },
    }),
    defineRoute({
      method: 'DELETE',
      path: '/api/v1/users/{user}',
      summary: 'Delete a user with their tokens, sessions and memberships (site administrators)',
      tag: 'users',
      params: UserParams,
      response: { status: 204 },
      errors: ['ERR_API_USER_NOT_FOUND', 'ERR_API_LAST_ADMIN'],
      guard: async ({ params }) => ({ action: 'user.manage', resource: site, loaded: await findUserOr404(store, params.user) }),
      handler: async ({ loaded, request }) => {
        await keepAnAdmin(store, loaded);
        await store.users.deleteUser(loaded.id);
        await recordAudit(deps, request, { action: 'user.delete', targetType: 'user', targetId: loaded.id, details: { username: loaded.username } });
      },
    }),
  ];
}
