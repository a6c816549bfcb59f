import * as api from '@ritmo/protocol';
import { RitmoError } from '@ritmo/shared';
import type { Project } from '@ritmo/store';
import { projectResource } from '../auth/actor.js';
import { generateToken, hashToken, sameHash } from '../auth/tokens.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { buildDetail } from './build-detail.js';
import { findProjectOr404 } from './lookups.js';
import { ProjectParams } from './params.js';
import { recordAudit } from './record-audit.js';
import type { TriggerRouteDeps } from './trigger-route-deps.js';

/** Trigger tokens look like `ritmotrig_<40 characters>`. */
export const TRIGGER_TOKEN_KIND = 'ritmotrig';

const invalid = (message: string): RitmoError =>
  new RitmoError('ERR_TRIGGER_INVALID_TOKEN', message, { suggestions: ['send "Authorization: Bearer ritmotrig_…" (or X-Ritmo-Trigger-Token) with the project’s trigger token'] });

/** The token a request carries, from `X-Ritmo-Trigger-Token` or a bearer `ritmotrig_…` token. */
function tokenOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const direct = headers['x-ritmo-trigger-token'];
  if (typeof direct === 'string' && direct !== '') return direct.trim();
  const bearer = /^Bearer\s+(\S+)$/i.exec(typeof headers.authorization === 'string' ? headers.authorization : '')?.[1];
  return bearer?.startsWith(`${TRIGGER_TOKEN_KIND}_`) ? bearer : undefined;
}

function checkToken(project: Project, token: string | undefined): void {
  if (token === undefined) throw invalid('the request carries no trigger token');
  if (project.triggerTokenHash === null || !sameHash(project.triggerTokenHash, hashToken(token))) {
    throw invalid(`the trigger token is not the current token of project ${project.name}`);
  }
}

/** A per-project token (stored hashed) for starting builds from scripts and other systems. */
export function triggerTokenRoutes(deps: TriggerRouteDeps): RouteSpec[] {
  const { store } = deps;
  const guardManage = async ({ params }: { params: { project: string } }) => {
    const project = await findProjectOr404(store, params.project);
    return { action: 'trigger.manage' as const, resource: projectResource(project.id), loaded: project };
  };
  return [
    defineRoute({
      method: 'POST',
      path: '/api/v1/projects/{project}/trigger-token',
      summary: 'Create the project’s trigger token, or rotate it (the old one stops working); shown once',
      tag: 'triggers',
      params: ProjectParams,
      response: { status: 201, schema: api.TriggerToken },
      errors: ['ERR_API_PROJECT_NOT_FOUND'],
      guard: guardManage,
      handler: async ({ loaded, request }) => {
        const token = generateToken(TRIGGER_TOKEN_KIND);
        await store.projects.updateProject(loaded.id, { triggerTokenHash: hashToken(token) });
        await recordAudit(deps, request, { action: loaded.triggerTokenHash === null ? 'trigger-token.create' : 'trigger-token.rotate', targetType: 'project', targetId: loaded.id, projectId: loaded.id });
        return { token, usage: `POST /api/v1/projects/${loaded.name}/trigger with "Authorization: Bearer ${TRIGGER_TOKEN_KIND}_…"` };
      },
    }),
    defineRoute({
      method: 'DELETE',
      path: '/api/v1/projects/{project}/trigger-token',
      summary: 'Revoke the project’s trigger token',
      tag: 'triggers',
      params: ProjectParams,
      response: { status: 204 },
      errors: ['ERR_API_PROJECT_NOT_FOUND'],
      guard: guardManage,
      handler: async ({ loaded, request }) => {
        await store.projects.updateProject(loaded.id, { triggerTokenHash: null });
        await recordAudit(deps, request, { action: 'trigger-token.revoke', targetType: 'project', targetId: loaded.id, projectId: loaded.id });
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/projects/{project}/trigger',
      summary: 'Start a build with the project’s trigger token (event `api`); inputs are checked against on.manual.inputs',
      tag: 'triggers',
      params: ProjectParams,
      body: api.ApiTriggerRequest,
      response: { status: 201, schema: api.BuildDetail },
      errors: [
        'ERR_TRIGGER_INVALID_TOKEN',
        'ERR_API_PROJECT_NOT_FOUND',
        'ERR_API_PIPELINE_NOT_FOUND',
        'ERR_API_PIPELINE_INVALID',
        'ERR_API_REPO_UNAVAILABLE',
        'ERR_PIPELINE_INPUT_UNKNOWN',
        'ERR_PIPELINE_INPUT_REQUIRED',
        'ERR_PIPELINE_INPUT_TYPE',
        'ERR_PIPELINE_INPUT_CHOICE',
      ],
      // Authenticated by the trigger token, not by a user.
      guard: 'public',
      handler: async ({ params, body, request }) => {
        const project = await findProjectOr404(store, params.project);
        checkToken(project, tokenOf(request.headers));
        const build = await deps.orchestrator.triggerBuild({
          project,
          actor: null,
          event: 'api',
          ...(body.ref === undefined ? {} : { ref: body.ref }),
          ...(body.sha === undefined ? {} : { sha: body.sha }),
          ...(body.inputs === undefined ? {} : { inputs: body.inputs }),
          trigger: { via: 'trigger-token' },
          signal: deps.shutdown,
        });
        await recordAudit(deps, request, { actor: 'trigger-token', action: 'build.trigger', targetType: 'build', targetId: build.id, projectId: project.id, details: { number: build.number, via: 'trigger-token' } });
        return buildDetail(store, build);
      },
    }),
  ];
}
