import type { AddMemberRequest, CreateProjectRequest, HookDeliveryResult, Page, PipelineSource, Project, ProjectMember, Role, UpdateProjectRequest, WebhookDelivery } from '@ritmo/protocol';
import type { Http } from '../create-http.js';
import { seg, type PageParams } from './page-params.js';

/** Projects, their pipeline and their members. `project` is a name or an id. */
export function createProjectsApi(http: Http) {
  const base = (project: string) => `/api/v1/projects/${seg(project)}`;
  return {
    list: (params: PageParams = {}, signal?: AbortSignal) => http.json<Page<Project>>('GET', '/api/v1/projects', { query: { ...params }, ...(signal ? { signal } : {}) }),
    get: (project: string, signal?: AbortSignal) => http.json<Project>('GET', base(project), signal ? { signal } : {}),
    create: (body: CreateProjectRequest) => http.json<Project>('POST', '/api/v1/projects', { body }),
    update: (project: string, body: UpdateProjectRequest) => http.json<Project>('PATCH', base(project), { body }),
    remove: (project: string) => http.json<void>('DELETE', base(project)),
    pipeline: (project: string, ref?: string, signal?: AbortSignal) =>
      http.json<PipelineSource>('GET', `${base(project)}/pipeline`, { query: { ref }, ...(signal ? { signal } : {}) }),
    listMembers: (project: string, params: PageParams = {}) => http.json<Page<ProjectMember>>('GET', `${base(project)}/members`, { query: { ...params } }),
    addMember: (project: string, body: AddMemberRequest) => http.json<ProjectMember>('POST', `${base(project)}/members`, { body }),
    setMemberRole: (project: string, user: string, role: Role) => http.json<ProjectMember>('PUT', `${base(project)}/members/${seg(user)}`, { body: { role } }),
    removeMember: (project: string, user: string) => http.json<void>('DELETE', `${base(project)}/members/${seg(user)}`),
    /** Webhook deliveries received for the project, newest first. */
    listDeliveries: (project: string, params: PageParams = {}, signal?: AbortSignal) =>
      http.json<Page<WebhookDelivery>>('GET', `${base(project)}/deliveries`, { query: { ...params }, ...(signal ? { signal } : {}) }),
    redeliver: (deliveryId: string) => http.json<HookDeliveryResult>('POST', `/api/v1/deliveries/${seg(deliveryId)}/redeliver`),
  };
}

export type ProjectsApi = ReturnType<typeof createProjectsApi>;
