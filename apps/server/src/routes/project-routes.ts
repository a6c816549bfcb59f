import * as api from '@ritmo/protocol';
import { isRitmoError, RitmoError } from '@ritmo/shared';
import type { Project } from '@ritmo/store';
import { projectResource, site } from '../auth/actor.js';
import { toProjectDto } from '../dto/to-project-dto.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { findProjectOr404 } from './lookups.js';
import { ProjectParams } from './params.js';
import { recordAudit } from './record-audit.js';
import type { RouteDeps } from './route-deps.js';

const exists = (name: string): RitmoError =>
  new RitmoError('ERR_API_PROJECT_EXISTS', `a project named "${name}" already exists`, { suggestions: ['choose another name'] });

/** Projects: create, list (those the caller may see), read, update, delete. */
export function projectRoutes(deps: RouteDeps): RouteSpec[] {
  const { store } = deps;
  const guardProject = (action: 'project.read' | 'project.update' | 'project.delete') => async ({ params }: { params: { project: string } }) => {
    const project = await findProjectOr404(store, params.project);
    return { action, resource: projectResource(project.id), loaded: project };
  };
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/projects',
      summary: 'List the projects the caller is a member of (all of them for site administrators)',
      tag: 'projects',
      query: api.PageQuery,
      response: { status: 200, schema: api.Page(api.Project) },
      errors: ['ERR_STORE_INVALID_CURSOR'],
      guard: () => ({ action: 'project.list', resource: site, loaded: undefined }),
      handler: async ({ query, actor }) => {
        const page = await store.projects.listProjects(actor.admin ? {} : { memberUserId: actor.userId }, query);
        return { items: page.items.map(toProjectDto), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/projects',
      summary: 'Create a project; the caller becomes its admin',
      tag: 'projects',
      body: api.CreateProjectRequest,
      response: { status: 201, schema: api.Project },
      errors: ['ERR_API_PROJECT_EXISTS'],
      guard: () => ({ action: 'project.create', resource: site, loaded: undefined }),
      handler: async ({ body, actor, request }) => {
        if (await store.projects.findProjectByName(body.name)) throw exists(body.name);
        let project: Project;
        try {
          project = await store.transaction(async (tx) => {
            const created = await tx.projects.createProject({
              name: body.name,
              repoUrl: body.repoUrl ?? null,
              defaultBranch: body.defaultBranch ?? 'main',
              pipelinePath: body.pipelinePath ?? null,
              pipelineYaml: body.pipeline ?? null,
            });
            await tx.members.createMember({ projectId: created.id, userId: actor.userId, role: 'admin' });
            return created;
          });
        } catch (e: unknown) {
          if (isRitmoError(e, 'ERR_STORE_ALREADY_EXISTS')) throw exists(body.name);
          throw e;
        }
        await recordAudit(deps, request, { action: 'project.create', targetType: 'project', targetId: project.id, projectId: project.id, details: { name: project.name } });
        return toProjectDto(project);
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/projects/{project}',
      summary: 'Get a project by name or id',
      tag: 'projects',
      params: ProjectParams,
      response: { status: 200, schema: api.Project },
      errors: ['ERR_API_PROJECT_NOT_FOUND'],
      guard: guardProject('project.read'),
      handler: ({ loaded }) => toProjectDto(loaded),
    }),
    defineRoute({
      method: 'PATCH',
      path: '/api/v1/projects/{project}',
      summary: 'Change a project’s repository, default branch or pipeline',
      tag: 'projects',
      params: ProjectParams,
      body: api.UpdateProjectRequest,
      response: { status: 200, schema: api.Project },
      errors: ['ERR_API_PROJECT_NOT_FOUND'],
      guard: guardProject('project.update'),
      handler: async ({ loaded, body, request }) => {
        const updated = await store.projects.updateProject(loaded.id, {
          ...(body.repoUrl === undefined ? {} : { repoUrl: body.repoUrl }),
          ...(body.defaultBranch === undefined ? {} : { defaultBranch: body.defaultBranch }),
          ...(body.pipelinePath === undefined ? {} : { pipelinePath: body.pipelinePath }),
          ...(body.pipeline === undefined ? {} : { pipelineYaml: body.pipeline }),
        });
        await recordAudit(deps, request, { action: 'project.update', targetType: 'project', targetId: loaded.id, projectId: loaded.id, details: { fields: Object.keys(body) } });
        return toProjectDto(updated);
      },
    }),
    defineRoute({
      method: 'DELETE',
      path: '/api/v1/projects/{project}',
      summary: 'Delete a project with its builds, logs, secrets and members',
      tag: 'projects',
      params: ProjectParams,
      response: { status: 204 },
      errors: ['ERR_API_PROJECT_NOT_FOUND'],
      guard: guardProject('project.delete'),
      handler: async ({ loaded, request }) => {
        await store.projects.deleteProject(loaded.id);
        await recordAudit(deps, request, { action: 'project.delete', targetType: 'project', targetId: loaded.id, projectId: null, details: { name: loaded.name } });
      },
    }),
  ];
}
