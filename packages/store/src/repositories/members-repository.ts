import type { Selectable } from 'kysely';
import { fetchPage, type Keyset, type Page, type PageRequest } from '../pagination/page.js';
import type { ProjectMembersTable, UsersTable } from '../schema/identity-tables.js';
import type { ProjectRole } from '../statuses.js';
import { withDbErrors } from './db-errors.js';
import { notFound, required } from './not-found.js';
import type { RepoContext } from './repo-context.js';

/** A user's role in one project, with the user's names for display. */
export interface ProjectMember {
  projectId: string;
  userId: string;
  role: ProjectRole;
  username: string;
  displayName: string;
  createdAt: number;
  updatedAt: number;
}

export interface NewProjectMember {
  projectId: string;
  userId: string;
  role: ProjectRole;
}

export interface MembersRepository {
  getMember(projectId: string, userId: string): Promise<ProjectMember>;
  findMember(projectId: string, userId: string): Promise<ProjectMember | undefined>;
  listMembers(projectId: string, page?: PageRequest): Promise<Page<ProjectMember>>;
  createMember(input: NewProjectMember): Promise<ProjectMember>;
  updateMember(projectId: string, userId: string, patch: { role: ProjectRole }): Promise<ProjectMember>;
  deleteMember(projectId: string, userId: string): Promise<void>;
}

type MemberRow = Selectable<ProjectMembersTable> & Pick<Selectable<UsersTable>, 'username' | 'display_name'>;

function toMember(row: MemberRow): ProjectMember {
  return {
    projectId: row.project_id,
    userId: row.user_id,
    role: row.role as ProjectRole,
    username: row.username,
    displayName: row.display_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const byUsername: Keyset<ProjectMember> = {
  listing: 'members',
  sortColumn: 'users.username',
  idColumn: 'users.id',
  direction: 'asc',
  keyType: 'string',
  keyOf: (m) => [m.username, m.userId],
};

export function createMembersRepository(ctx: RepoContext): MembersRepository {
  const select = () =>
    ctx.db
      .selectFrom('project_members')
      .innerJoin('users', 'users.id', 'project_members.user_id')
      .selectAll('project_members')
      .select(['users.username', 'users.display_name']);

  const findMember = async (projectId: string, userId: string): Promise<ProjectMember | undefined> => {
    const row = await select()
      .where('project_members.project_id', '=', projectId)
      .where('project_members.user_id', '=', userId)
      .executeTakeFirst();
    return row && toMember(row);
  };

  return {
    findMember,
    getMember: async (projectId, userId) => required(await findMember(projectId, userId), 'member', { projectId, userId }),

    listMembers(projectId, page) {
      return fetchPage(select().where('project_members.project_id', '=', projectId), byUsername, page, toMember);
    },

    async createMember(input) {
      const now = ctx.clock.now();
      await withDbErrors('member', { projectId: input.projectId, userId: input.userId }, () =>
        ctx.db
          .insertInto('project_members')
          .values({ project_id: input.projectId, user_id: input.userId, role: input.role, created_at: now, updated_at: now })
          .execute(),
      );
      return required(await findMember(input.projectId, input.userId), 'member', { projectId: input.projectId, userId: input.userId });
    },

    async updateMember(projectId, userId, patch) {
      const result = await ctx.db
        .updateTable('project_members')
        .set({ role: patch.role, updated_at: ctx.clock.now() })
        .where('project_id', '=', projectId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw notFound('member', { projectId, userId });
      return required(await findMember(projectId, userId), 'member', { projectId, userId });
    },

    async deleteMember(projectId, userId) {
      const result = await ctx.db
        .deleteFrom('project_members')
        .where('project_id', '=', projectId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (result.numDeletedRows === 0n) throw notFound('member', { projectId, userId });
    },
  };
}
