import type { Selectable } from 'kysely';
import { newId } from '@ritmo/shared';
import { fetchPage, type Keyset, type Page, type PageRequest } from '../pagination/page.js';
import type { ProjectsTable } from '../schema/identity-tables.js';
import { withDbErrors } from './db-errors.js';
import { fromJson, toJson } from './json-columns.js';
import { notFound, required } from './not-found.js';
import type { RepoContext } from './repo-context.js';

export interface Project {
  id: string;
  name: string;
  repoUrl: string | null;
  defaultBranch: string;
  settings: Record<string, unknown>;
  pipelinePath: string | null;
  /** A pipeline stored in the project rather than read from the repository. */
  pipelineYaml: string | null;
  triggerTokenHash: string | null;
  /** The number the next build gets. */
  nextBuildNumber: number;
  createdAt: number;
  updatedAt: number;
}

export interface NewProject {
  id?: string;
  name: string;
  repoUrl?: string | null;
  defaultBranch?: string;
  settings?: Record<string, unknown>;
  pipelinePath?: string | null;
  pipelineYaml?: string | null;
  triggerTokenHash?: string | null;
}

export type ProjectPatch = Partial<
  Pick<Project, 'name' | 'repoUrl' | 'defaultBranch' | 'settings' | 'pipelinePath' | 'pipelineYaml' | 'triggerTokenHash'>
>;

export interface ProjectFilter {
  /** Only projects this user is a member of. */
  memberUserId?: string;
}

export interface ProjectsRepository {
  getProject(id: string): Promise<Project>;
  findProject(id: string): Promise<Project | undefined>;
  getProjectByName(name: string): Promise<Project>;
  findProjectByName(name: string): Promise<Project | undefined>;
  findProjectByTriggerTokenHash(tokenHash: string): Promise<Project | undefined>;
  listProjects(filter?: ProjectFilter, page?: PageRequest): Promise<Page<Project>>;
  createProject(input: NewProject): Promise<Project>;
  updateProject(id: string, patch: ProjectPatch): Promise<Project>;
  /** Deletes the project with its builds, jobs, logs, secrets, members and deliveries. */
  deleteProject(id: string): Promise<void>;
}

function toProject(row: Selectable<ProjectsTable>): Project {
  return {
    id: row.id,
    name: row.name,
    repoUrl: row.repo_url,
    defaultBranch: row.default_branch,
    settings: fromJson<Record<string, unknown>>(row.settings),
    pipelinePath: row.pipeline_path,
    pipelineYaml: row.pipeline_yaml,
    triggerTokenHash: row.trigger_token_hash,
    nextBuildNumber: Number(row.next_build_number),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const byName: Keyset<Project> = {
  listing: 'projects',
  sortColumn: 'projects.name',
  idColumn: 'projects.id',
  direction: 'asc',
  keyType: 'string',
  keyOf: (p) => [p.name, p.id],
};

export function createProjectsRepository(ctx: RepoContext): ProjectsRepository {
  const findBy = async (column: 'id' | 'name' | 'trigger_token_hash', value: string): Promise<Project | undefined> => {
    const row = await ctx.db.selectFrom('projects').selectAll().where(column, '=', value).executeTakeFirst();
    return row && toProject(row);
  };

  return {
    findProject: (id) => findBy('id', id),
    getProject: async (id) => required(await findBy('id', id), 'project', { id }),
    findProjectByName: (name) => findBy('name', name),
    getProjectByName: async (name) => required(await findBy('name', name), 'project', { name }),
    findProjectByTriggerTokenHash: (tokenHash) => findBy('trigger_token_hash', tokenHash),

    listProjects(filter = {}, page) {
      let query = ctx.db.selectFrom('projects').selectAll('projects');
      if (filter.memberUserId !== undefined) {
        query = query
          .innerJoin('project_members', 'project_members.project_id', 'projects.id')
          .where('project_members.user_id', '=', filter.memberUserId);
      }
      return fetchPage(query, byName, page, toProject);
    },

    async createProject(input) {
      const now = ctx.clock.now();
      const row = await withDbErrors('project', { name: input.name }, () =>
        ctx.db
          .insertInto('projects')
          .values({
            id: input.id ?? newId('p_', now),
            name: input.name,
            repo_url: input.repoUrl ?? null,
            default_branch: input.defaultBranch ?? 'main',
            settings: toJson(input.settings ?? {}),
            pipeline_path: input.pipelinePath ?? null,
            pipeline_yaml: input.pipelineYaml ?? null,
            trigger_token_hash: input.triggerTokenHash ?? null,
            next_build_number: 1,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toProject(row);
    },

    async updateProject(id, patch) {
      const row = await withDbErrors('project', { id, name: patch.name }, () =>
        ctx.db
          .updateTable('projects')
          .set({
            name: patch.name,
            repo_url: patch.repoUrl,
            default_branch: patch.defaultBranch,
            settings: patch.settings === undefined ? undefined : toJson(patch.settings),
            pipeline_path: patch.pipelinePath,
            pipeline_yaml: patch.pipelineYaml,
            trigger_token_hash: patch.triggerTokenHash,
            updated_at: ctx.clock.now(),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst(),
      );
      return toProject(required(row, 'project', { id }));
    },

    async deleteProject(id) {
      const result = await ctx.db.deleteFrom('projects').where('id', '=', id).executeTakeFirst();
      if (result.numDeletedRows === 0n) throw notFound('project', { id });
    },
  };
}
