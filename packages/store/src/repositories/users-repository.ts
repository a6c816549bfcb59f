import { sql, type Selectable, type SqlBool } from 'kysely';
import { newId } from '@ritmo/shared';
import { fetchPage, type Keyset, type Page, type PageRequest } from '../pagination/page.js';
import type { UsersTable } from '../schema/identity-tables.js';
import { withDbErrors } from './db-errors.js';
import { fromFlag, toFlag } from './json-columns.js';
import { notFound, required } from './not-found.js';
import type { RepoContext } from './repo-context.js';

export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  passwordHash: string | null;
  isAdmin: boolean;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface NewUser {
  id?: string;
  username: string;
  displayName?: string;
  email?: string | null;
  passwordHash?: string | null;
  isAdmin?: boolean;
  disabled?: boolean;
}

export type UserPatch = Partial<Pick<User, 'username' | 'displayName' | 'email' | 'passwordHash' | 'isAdmin' | 'disabled'>>;

export interface UserFilter {
  /** Case-sensitive prefix of the username. */
  usernamePrefix?: string;
}

export interface UsersRepository {
  getUser(id: string): Promise<User>;
  findUser(id: string): Promise<User | undefined>;
  findUserByUsername(username: string): Promise<User | undefined>;
  listUsers(filter?: UserFilter, page?: PageRequest): Promise<Page<User>>;
  countUsers(): Promise<number>;
  createUser(input: NewUser): Promise<User>;
  updateUser(id: string, patch: UserPatch): Promise<User>;
  deleteUser(id: string): Promise<void>;
}

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    passwordHash: row.password_hash,
    isAdmin: fromFlag(row.is_admin),
    disabled: fromFlag(row.disabled),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const byUsername: Keyset<User> = {
  listing: 'users',
  sortColumn: 'username',
  idColumn: 'id',
  direction: 'asc',
  keyType: 'string',
  keyOf: (u) => [u.username, u.id],
};

export function createUsersRepository(ctx: RepoContext): UsersRepository {
  const findUser = async (id: string): Promise<User | undefined> => {
    const row = await ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toUser(row);
  };

  return {
    findUser,
    getUser: async (id) => required(await findUser(id), 'user', { id }),

    async findUserByUsername(username) {
      const row = await ctx.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
      return row && toUser(row);
    },

    listUsers(filter = {}, page) {
      let query = ctx.db.selectFrom('users').selectAll();
      const prefix = filter.usernamePrefix;
      if (prefix !== undefined && prefix !== '') {
        // Not LIKE: SQLite's LIKE ignores case and both would need wildcard escaping.
        query = query.where(sql<SqlBool>`substr(username, 1, ${prefix.length}) = ${prefix}`);
      }
      return fetchPage(query, byUsername, page, toUser);
    },

    async countUsers() {
      const row = await ctx.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async createUser(input) {
      const now = ctx.clock.now();
      const row = await withDbErrors('user', { username: input.username }, () =>
        ctx.db
          .insertInto('users')
          .values({
            id: input.id ?? newId('u_', now),
            username: input.username,
            display_name: input.displayName ?? input.username,
            email: input.email ?? null,
            password_hash: input.passwordHash ?? null,
            is_admin: toFlag(input.isAdmin),
            disabled: toFlag(input.disabled),
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toUser(row);
    },

    async updateUser(id, patch) {
      const row = await withDbErrors('user', { id }, () =>
        ctx.db
          .updateTable('users')
          .set({
            username: patch.username,
            display_name: patch.displayName,
            email: patch.email,
            password_hash: patch.passwordHash,
            is_admin: patch.isAdmin === undefined ? undefined : toFlag(patch.isAdmin),
            disabled: patch.disabled === undefined ? undefined : toFlag(patch.disabled),
            updated_at: ctx.clock.now(),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst(),
      );
      return toUser(required(row, 'user', { id }));
    },

    async deleteUser(id) {
      const result = await ctx.db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
      if (result.numDeletedRows === 0n) throw notFound('user', { id });
    },
  };
}
