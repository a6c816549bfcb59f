import type { FastifyRequest } from 'fastify';
import { RitmoError, toError, type Clock, type Logger } from '@ritmo/shared';
import type { Store, User } from '@ritmo/store';
import type { Actor } from './actor.js';
import { loadRoles } from './load-roles.js';
import { SESSION_COOKIE } from './session-cookie.js';
import { hashToken, sameHash, tokenPrefix } from './tokens.js';

/** lastUsedAt / lastSeenAt are written at most this often per credential. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Finds who a request comes from: a bearer API token (`ritmo_…`) or the session cookie. No
 * credentials -> undefined (the route decides whether that is fine); wrong credentials -> 401.
 */
export function createAuthenticator(deps: { store: Store; clock: Clock; logger: Logger }) {
  const { store, clock } = deps;

  const toActor = async (user: User, via: Actor['via'], credentialId: string): Promise<Actor> => {
    if (user.disabled) throw new RitmoError('ERR_AUTH_INVALID_TOKEN', `user ${user.username} is disabled`);
    return { userId: user.id, username: user.username, admin: user.isAdmin, roles: await loadRoles(store.db, user.id), via, credentialId };
  };

  const touch = (what: string, write: () => Promise<unknown>): void => {
    write().catch((e: unknown) => deps.logger.warn({ err: toError(e) }, `could not record ${what} use`));
  };

  const fromToken = async (token: string): Promise<Actor> => {
    const found = token.startsWith('ritmo_') ? await store.apiTokens.findApiTokenByPrefix(tokenPrefix(token)) : undefined;
    if (!found || !sameHash(found.tokenHash, hashToken(token)) || found.revokedAt !== null) {
      throw new RitmoError('ERR_AUTH_INVALID_TOKEN', 'the bearer token is unknown or revoked', {
        suggestions: ['create a token with POST /api/v1/tokens, or sign in'],
      });
    }
    const now = clock.now();
    if (found.expiresAt !== null && found.expiresAt <= now) {
      throw new RitmoError('ERR_AUTH_TOKEN_EXPIRED', `the token "${found.name}" expired at ${new Date(found.expiresAt).toISOString()}`);
    }
    if (found.lastUsedAt === null || now - found.lastUsedAt > TOUCH_EVERY_MS) {
      touch('token', () => store.apiTokens.updateApiToken(found.id, { lastUsedAt: now }));
    }
    return toActor(await store.users.getUser(found.userId), 'token', found.id);
  };

  const fromSession = async (secret: string): Promise<Actor> => {
    const session = await store.sessions.findSessionByTokenHash(hashToken(secret));
    const now = clock.now();
    if (!session) throw new RitmoError('ERR_AUTH_UNAUTHENTICATED', 'the session is unknown or was signed out; sign in again');
    if (session.expiresAt <= now) throw new RitmoError('ERR_AUTH_TOKEN_EXPIRED', 'the session expired; sign in again');
    if (now - session.lastSeenAt > TOUCH_EVERY_MS) touch('session', () => store.sessions.updateSession(session.id, { lastSeenAt: now }));
    return toActor(await store.users.getUser(session.userId), 'session', session.id);
  };

  return async function authenticate(request: FastifyRequest): Promise<Actor | undefined> {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1]) throw new RitmoError('ERR_AUTH_INVALID_TOKEN', 'the Authorization header must be "Bearer <token>"');
      return fromToken(match[1]);
    }
    const secret = request.cookies[SESSION_COOKIE];
    if (secret) return fromSession(secret);
    return undefined;
  };
}
