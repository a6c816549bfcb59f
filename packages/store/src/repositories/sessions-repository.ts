import type { Selectable } from 'kysely';
import { newId } from '@ritmo/shared';
import type { SessionsTable } from '../schema/identity-tables.js';
import { withDbErrors } from './db-errors.js';
import { notFound, required } from './not-found.js';
import type { RepoContext } from './repo-context.js';

/** A login session; the cookie carries a random token, the store its hash. */
export interface Session {
  id: string;
  userId: string;
  tokenHash: string;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
  ip: string | null;
  userAgent: string | null;
}

export interface NewSession {
  id?: string;
  userId: string;
  tokenHash: string;
  expiresAt: number;
  ip?: string | null;
  userAgent?: string | null;
}

export interface SessionsRepository {
  getSession(id: string): Promise<Session>;
  findSession(id: string): Promise<Session | undefined>;
  findSessionByTokenHash(tokenHash: string): Promise<Session | undefined>;
  createSession(input: NewSession): Promise<Session>;
  updateSession(id: string, patch: Partial<Pick<Session, 'expiresAt' | 'lastSeenAt'>>): Promise<Session>;
  deleteSession(id: string): Promise<void>;
  /** Removes sessions that expired before `now`; returns how many. */
  deleteExpiredSessions(now: number): Promise<number>;
}

function toSession(row: Selectable<SessionsTable>): Session {
  return {
    id: row.id,
    userId: row.user_id,
    tokenHash: row.token_hash,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
    ip: row.ip,
    userAgent: row.user_agent,
  };
}

export function createSessionsRepository(ctx: RepoContext): SessionsRepository {
  const findSession = async (id: string): Promise<Session | undefined> => {
    const row = await ctx.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toSession(row);
  };

  return {
    findSession,
    getSession: async (id) => required(await findSession(id), 'session', { id }),

    async findSessionByTokenHash(tokenHash) {
      const row = await ctx.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row && toSession(row);
    },

    async createSession(input) {
      const now = ctx.clock.now();
      const row = await withDbErrors('session', { userId: input.userId }, () =>
        ctx.db
          .insertInto('sessions')
          .values({
            id: input.id ?? newId('s_', now),
            user_id: input.userId,
            token_hash: input.tokenHash,
            created_at: now,
            expires_at: input.expiresAt,
            last_seen_at: now,
            ip: input.ip ?? null,
            user_agent: input.userAgent ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toSession(row);
    },

    async updateSession(id, patch) {
      const row = await ctx.db
        .updateTable('sessions')
        .set({ expires_at: patch.expiresAt, last_seen_at: patch.lastSeenAt ?? ctx.clock.now() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return toSession(required(row, 'session', { id }));
    },

    async deleteSession(id) {
      const result = await ctx.db.deleteFrom('sessions').where('id', '=', id).executeTakeFirst();
      if (result.numDeletedRows === 0n) throw notFound('session', { id });
    },

    async deleteExpiredSessions(now) {
      const result = await ctx.db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
