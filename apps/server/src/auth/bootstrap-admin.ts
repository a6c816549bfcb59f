import { randomBytes } from 'node:crypto';
import { isRitmoError, type Logger } from '@ritmo/shared';
import type { Store } from '@ritmo/store';
import { hashPassword } from './passwords.js';
import { generateToken, hashToken, tokenPrefix } from './tokens.js';

export interface AdminBootstrap {
  username: string;
  /** Set only when it was generated (never when it came from RITMO_ADMIN_PASSWORD). */
  generatedPassword?: string;
  /** The admin's API token: RITMO_ADMIN_TOKEN or a new one. */
  token: string;
}

export const ADMIN_USERNAME = 'admin';

/**
 * On first start (no users yet) creates the `admin` user with a password (RITMO_ADMIN_PASSWORD or a
 * generated one) and an API token (RITMO_ADMIN_TOKEN or a generated one). Returns what to print once,
 * or undefined when users already exist. Safe when several instances start at once: one wins.
 */
export async function bootstrapAdmin(deps: {
  store: Store;
  logger: Logger;
  adminPassword?: string;
  adminToken?: string;
}): Promise<AdminBootstrap | undefined> {
  const { store } = deps;
  if ((await store.users.countUsers()) > 0) return undefined;
  const generatedPassword = deps.adminPassword === undefined ? randomBytes(15).toString('base64url') : undefined;
  const passwordHash = await hashPassword(deps.adminPassword ?? generatedPassword ?? '');
  const token = deps.adminToken ?? generateToken('ritmo');
  try {
    await store.transaction(async (tx) => {
      const user = await tx.users.createUser({ username: ADMIN_USERNAME, displayName: 'Administrator', passwordHash, isAdmin: true });
      await tx.apiTokens.createApiToken({ userId: user.id, name: 'initial admin token', prefix: tokenPrefix(token), tokenHash: hashToken(token) });
      await tx.audit.createAuditEvent({ actor: 'system', action: 'user.bootstrap', targetType: 'user', targetId: user.id });
    });
  } catch (e: unknown) {
    if (isRitmoError(e, 'ERR_STORE_ALREADY_EXISTS')) return undefined;
    throw e;
  }
  deps.logger.info({ username: ADMIN_USERNAME }, 'created the first admin user');
  return { username: ADMIN_USERNAME, token, ...(generatedPassword === undefined ? {} : { generatedPassword }) };
}
