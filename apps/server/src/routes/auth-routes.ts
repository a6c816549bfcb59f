import * as api from '@ritmo/protocol';
import { RitmoError } from '@ritmo/shared';
import { userResource } from '../auth/actor.js';
import { burnPasswordCheck, verifyPassword } from '../auth/passwords.js';
import { SESSION_COOKIE } from '../auth/session-cookie.js';
import { generateToken, hashToken } from '../auth/tokens.js';
import { toUserDto } from '../dto/to-identity-dto.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { recordAudit } from './record-audit.js';
import type { RouteDeps } from './route-deps.js';

const badCredentials = (): RitmoError => new RitmoError('ERR_AUTH_INVALID_CREDENTIALS', 'wrong username or password');

/** Sign-in with a session cookie, sign-out, and who am I. */
export function authRoutes(deps: RouteDeps): RouteSpec[] {
  const { store, clock, config } = deps;
  const secureCookie = config.publicUrl.startsWith('https://');
  return [
    defineRoute({
      method: 'POST',
      path: '/api/v1/auth/login',
      summary: 'Sign in with username and password; sets the session cookie',
      tag: 'auth',
      body: api.LoginRequest,
      response: { status: 200, schema: api.User },
      errors: ['ERR_API_VALIDATION', 'ERR_API_MALFORMED_JSON', 'ERR_AUTH_INVALID_CREDENTIALS', 'ERR_AUTH_LOGIN_RATE_LIMITED'],
      rateLimit: { max: config.limits.loginPerMinute, timeWindowMs: 60_000, code: 'ERR_AUTH_LOGIN_RATE_LIMITED' },
      guard: 'public',
      handler: async ({ body, request, reply }) => {
        const user = await store.users.findUserByUsername(body.username);
        if (!user?.passwordHash || user.disabled) {
          await burnPasswordCheck(body.password);
          throw badCredentials();
        }
        if (!(await verifyPassword(user.passwordHash, body.password))) throw badCredentials();
        const secret = generateToken('ritmosess');
        await store.sessions.createSession({
          userId: user.id,
          tokenHash: hashToken(secret),
          expiresAt: clock.now() + config.sessionTtlMs,
          ip: request.ip,
          userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
        });
        reply.setCookie(SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'lax', path: '/', secure: secureCookie, maxAge: Math.floor(config.sessionTtlMs / 1000) });
        await recordAudit(deps, request, { action: 'auth.login', targetType: 'user', targetId: user.id, actor: user.id });
        return toUserDto(user);
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/auth/logout',
      summary: 'Sign out: ends the current session and clears its cookie',
      tag: 'auth',
      response: { status: 204 },
      guard: ({ actor }) => ({ action: 'user.self', resource: userResource(actor.userId), loaded: undefined }),
      handler: async ({ actor, reply }) => {
        if (actor.via === 'session') await store.sessions.deleteSession(actor.credentialId);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/me',
      summary: 'The signed-in user and their role in each project',
      tag: 'auth',
      response: { status: 200, schema: api.Me },
      guard: ({ actor }) => ({ action: 'user.self', resource: userResource(actor.userId), loaded: undefined }),
      handler: async ({ actor }) => {
        const user = await store.users.getUser(actor.userId);
        const projects = await store.projects.listProjects({ memberUserId: actor.userId }, { limit: 500 });
        const memberships = projects.items.flatMap((p) => {
          const role = actor.roles.get(p.id);
          return role ? [{ projectId: p.id, projectName: p.name, role }] : [];
        });
        return { ...toUserDto(user), memberships };
      },
    }),
  ];
}
