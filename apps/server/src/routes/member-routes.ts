import * as api from '@ritmo/protocol';
import { isRitmoError, RitmoError } from '@ritmo/shared';
import type { Project, User } from '@ritmo/store';
import { projectResource } from '../auth/actor.js';
import { toMemberDto } from '../dto/to-project-dto.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { findProjectOr404, findUserOr404 } from './lookups.js';
import { ProjectParams, ProjectUserParams } from './params.js';
import { recordAudit } from './record-audit.js';
import type { RouteDeps } from './route-deps.js';

/** Project members and their roles. */
export function memberRoutes(deps: RouteDeps): RouteSpec[] {
  const { store } = deps;
  const manage = async ({ params }: { params: { project: string; user: string } }) => {
    const project = await findProjectOr404(store, params.project);
    return { action: 'member.manage' as const, resource: projectResource(project.id), loaded: { project, user: await findUserOr404(store, params.user) } };
  };
  const setRole = async (project: Project, user: User, role: api.Role) => {
    const existing = await store.members.findMember(project.id, user.id);
    return existing ? store.members.updateMember(project.id, user.id, { role }) : store.members.createMember({ projectId: project.id, userId: user.id, role });
  };
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/projects/{project}/members',
      summary: 'List a project’s members with their roles',
      tag: 'projects',
      params: ProjectParams,
      query: api.PageQuery,
      response: { status: 200, schema: api.Page(api.ProjectMember) },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_STORE_INVALID_CURSOR'],
      guard: async ({ params }) => {
        const project = await findProjectOr404(store, params.project);
        return { action: 'member.list', resource: projectResource(project.id), loaded: project };
      },
      handler: async ({ loaded, query }) => {
        const page = await store.members.listMembers(loaded.id, query);
        return { items: page.items.map(toMemberDto), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/projects/{project}/members',
      summary: 'Add a user to a project with a role',
      tag: 'projects',
      params: ProjectParams,
      body: api.AddMemberRequest,
      response: { status: 201, schema: api.ProjectMember },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_API_USER_NOT_FOUND', 'ERR_STORE_ALREADY_EXISTS'],
      guard: async ({ params, body }) => manage({ params: { project: params.project, user: body.user } }),
      handler: async ({ loaded: { project, user }, body, request }) => {
        const member = await store.members.createMember({ projectId: project.id, userId: user.id, role: body.role }).catch((e: unknown) => {
          if (isRitmoError(e, 'ERR_STORE_ALREADY_EXISTS')) {
            throw new RitmoError('ERR_STORE_ALREADY_EXISTS', `${user.username} is already a member of ${project.name}`, {
              suggestions: [`PUT /api/v1/projects/${project.name}/members/${user.username} changes the role`],
            });
          }
          throw e;
        });
        await recordAudit(deps, request, { action: 'member.add', targetType: 'user', targetId: user.id, projectId: project.id, details: { role: body.role } });
        return toMemberDto(member);
      },
    }),
    defineRoute({
      method: 'PUT',
      path: '/api/v1/projects/{project}/members/{user}',
      summary: 'Set a user’s role in a project (adds the user when needed)',
      tag: 'projects',
      params: ProjectUserParams,
      body: api.UpdateMemberRequest,
      response: { status: 200, schema: api.ProjectMember },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_API_USER_NOT_FOUND'],
      guard: manage,
      handler: async ({ loaded: { project, user }, body, request }) => {
        const member = await setRole(project, user, body.role);
        await recordAudit(deps, request, { action: 'member.set-role', targetType: 'user', targetId: user.id, projectId: project.id, details: { role: body.role } });
        return toMemberDto(member);
      },
    }),
    defineRoute({
      method: 'DELETE',
      path: '/api/v1/projects/{project}/members/{user}',
      summary: 'Remove a user from a project',
      tag: 'projects',
      params: ProjectUserParams,
      response: { status: 204 },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_API_USER_NOT_FOUND', 'ERR_API_MEMBER_NOT_FOUND'],
      guard: manage,
      handler: async ({ loaded: { project, user }, request }) => {
        if (!(await store.members.findMember(project.id, user.id))) {
          throw new RitmoError('ERR_API_MEMBER_NOT_FOUND', `${user.username} is not a member of ${project.name}`);
        }
        await store.members.deleteMember(project.id, user.id);
        await recordAudit(deps, request, { action: 'member.remove', targetType: 'user', targetId: user.id, projectId: project.id });
      },
    }),
  ];
}
