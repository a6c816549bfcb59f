import * as api from '@ritmo/protocol';
import { isRitmoError, RitmoError } from '@ritmo/shared';
import type { Project, SecretSummary } from '@ritmo/store';
import { projectResource } from '../auth/actor.js';
import type { Action } from '../auth/authorize.js';
import { iso } from '../dto/iso.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { checkSecretName } from '../secrets/check-secret-name.js';
import { checkSecretValue } from '../secrets/check-secret-value.js';
import { PutSecretRequest, PutSecretResult, SecretInfo, SecretParams, SecretsApproval } from '../secrets/secret-schemas.js';
import { findBuildOr404, findProjectOr404 } from './lookups.js';
import { IdParams, ProjectParams } from './params.js';
import { recordAudit } from './record-audit.js';
import type { RouteDeps } from './route-deps.js';

const toSecretInfo = (s: SecretSummary): SecretInfo => ({ name: s.name, createdAt: iso(s.createdAt), updatedAt: iso(s.updatedAt) });

/**
 * Project secrets: set (write-only), list names, delete; and a maintainer's approval for an
 * untrusted build to receive them. Values are encrypted before they reach the store and never
 * appear in an answer, a log line or an audit event.
 */
export function secretRoutes(deps: RouteDeps): RouteSpec[] {
  const { store } = deps;
  const guardSecret = (action: Action) => async ({ params }: { params: { project: string; name: string } }) => {
    const project = await findProjectOr404(store, params.project);
    return { action, resource: projectResource(project.id), loaded: { project, name: checkSecretName(params.name) } };
  };
  const notFound = (project: Project, name: string) =>
    new RitmoError('ERR_SECRET_NOT_FOUND', `project ${project.name} has no secret ${name}`, {
      suggestions: [`list the project's secrets with GET /api/v1/projects/${project.name}/secrets`],
    });

  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/projects/{project}/secrets',
      summary: 'List a project’s secrets: names and times, never values',
      tag: 'secrets',
      params: ProjectParams,
      query: api.PageQuery,
      response: { status: 200, schema: api.Page(SecretInfo) },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_STORE_INVALID_CURSOR'],
      guard: async ({ params }) => {
        const project = await findProjectOr404(store, params.project);
        return { action: 'secret.list', resource: projectResource(project.id), loaded: project };
      },
      handler: async ({ loaded, query }) => {
        const page = await store.secrets.listSecrets(loaded.id, query);
        return { items: page.items.map(toSecretInfo), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'PUT',
      path: '/api/v1/projects/{project}/secrets/{name}',
      summary: 'Create or replace a secret (the value is write-only)',
      tag: 'secrets',
      params: SecretParams,
      body: PutSecretRequest,
      response: { status: 200, schema: PutSecretResult },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_SECRET_NAME_INVALID', 'ERR_SECRET_VALUE_TOO_SHORT', 'ERR_SECRET_VALUE_TOO_LARGE'],
      guard: guardSecret('secret.write'),
      handler: async ({ loaded: { project, name }, body, request }) => {
        const value = checkSecretValue(body.value);
        const encrypted = (await deps.secretCrypto()).encrypt({ projectId: project.id, name }, value);
        const { secret, created } = await store.secrets.putSecret({ projectId: project.id, name, ...encrypted });
        await recordAudit(deps, request, {
          action: created ? 'secret.create' : 'secret.update',
          targetType: 'secret',
          targetId: secret.id,
          projectId: project.id,
          details: { name, keyId: encrypted.keyId },
        });
        return { ...toSecretInfo(secret), created };
      },
    }),
    defineRoute({
      method: 'DELETE',
      path: '/api/v1/projects/{project}/secrets/{name}',
      summary: 'Delete a secret',
      tag: 'secrets',
      params: SecretParams,
      response: { status: 204 },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_SECRET_NAME_INVALID', 'ERR_SECRET_NOT_FOUND'],
      guard: guardSecret('secret.write'),
      handler: async ({ loaded: { project, name }, request }) => {
        const secret = await store.secrets.findSecret(project.id, name);
        if (!secret) throw notFound(project, name);
        await store.secrets.deleteSecret(project.id, name).catch((e: unknown) => {
          throw isRitmoError(e, 'ERR_STORE_NOT_FOUND') ? notFound(project, name) : e;
        });
        await recordAudit(deps, request, { action: 'secret.delete', targetType: 'secret', targetId: secret.id, projectId: project.id, details: { name } });
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/v1/builds/{id}/approve-secrets',
      summary: 'Let an untrusted build’s jobs (a fork pull request) receive the secrets they reference',
      tag: 'secrets',
      params: IdParams,
      response: { status: 200, schema: SecretsApproval },
      errors: ['ERR_API_BUILD_NOT_FOUND', 'ERR_SECRET_APPROVAL_NOT_NEEDED'],
      guard: async ({ params }) => {
        const build = await findBuildOr404(store, params.id);
        return { action: 'secret.approve-build', resource: projectResource(build.projectId), loaded: build };
      },
      handler: async ({ loaded: build, actor, request }) => {
        if (build.trusted) {
          throw new RitmoError('ERR_SECRET_APPROVAL_NOT_NEEDED', `build ${build.id} is trusted; its jobs already receive the secrets they reference`);
        }
        let approved = build;
        if (build.secretsApprovedBy === null) {
          approved = await store.builds.updateBuild(build.id, { secretsApprovedBy: actor.userId, secretsApprovedAt: deps.clock.now() });
          await recordAudit(deps, request, { action: 'build.approve-secrets', targetType: 'build', targetId: build.id, projectId: build.projectId });
        }
        return { buildId: approved.id, secretsApprovedBy: approved.secretsApprovedBy ?? actor.userId, secretsApprovedAt: iso(approved.secretsApprovedAt ?? deps.clock.now()) };
      },
    }),
  ];
}
