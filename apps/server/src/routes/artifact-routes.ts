import * as api from '@ritmo/protocol';
import { RitmoError } from '@ritmo/shared';
import type { Artifact, Store } from '@ritmo/store';
import { projectResource } from '../auth/actor.js';
import { deleteArtifact } from '../artifacts/delete-artifact.js';
import { openArchiveFile } from '../artifacts/open-archive-file.js';
import { toArtifactDetailDto, toArtifactDto } from '../deployments/to-delivery-dtos.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import type { DeliveryRouteDeps } from './delivery-route-deps.js';
import { findBuildOr404, findProjectOr404 } from './lookups.js';
import { IdParams, ProjectParams } from './params.js';
import { recordAudit } from './record-audit.js';

async function findArtifactOr404(store: Store, id: string): Promise<Artifact> {
  const artifact = await store.artifacts.findArtifact(id);
  if (!artifact) throw new RitmoError('ERR_ARTIFACT_NOT_FOUND', `no artifact "${id}"`);
  return artifact;
}

/** A file name for Content-Disposition: the artifact's name with anything unusual replaced. */
const fileName = (name: string): string => name.replace(/[^A-Za-z0-9._-]/g, '_') || 'artifact';

/** Artifacts: list per project or build, read one with its files, download it as tar.gz or one file of it, delete it. */
export function artifactRoutes(deps: DeliveryRouteDeps): RouteSpec[] {
  const { store } = deps;
  const guardArtifact = (action: 'artifact.read' | 'artifact.delete') => async ({ params }: { params: { id: string } }) => {
    const artifact = await findArtifactOr404(store, params.id);
    return { action, resource: projectResource(artifact.projectId), loaded: artifact };
  };
  return [
    defineRoute({
      method: 'GET',
      path: '/api/v1/projects/{project}/artifacts',
      summary: 'List a project’s artifacts, newest first (filter by build, name or digest)',
      tag: 'artifacts',
      params: ProjectParams,
      query: api.ListArtifactsQuery,
      response: { status: 200, schema: api.Page(api.Artifact) },
      errors: ['ERR_API_PROJECT_NOT_FOUND', 'ERR_STORE_INVALID_CURSOR'],
      guard: async ({ params }) => {
        const project = await findProjectOr404(store, params.project);
        return { action: 'artifact.read', resource: projectResource(project.id), loaded: project };
      },
      handler: async ({ loaded, query }) => {
        const page = await store.artifacts.listArtifacts(
          { projectId: loaded.id, ...(query.build ? { buildId: query.build } : {}), ...(query.name ? { name: query.name } : {}), ...(query.digest ? { digest: query.digest } : {}) },
          { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) },
        );
        return { items: page.items.map(toArtifactDto), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/builds/{id}/artifacts',
      summary: 'List a build’s artifacts',
      tag: 'artifacts',
      params: IdParams,
      query: api.PageQuery,
      response: { status: 200, schema: api.Page(api.Artifact) },
      errors: ['ERR_API_BUILD_NOT_FOUND', 'ERR_STORE_INVALID_CURSOR'],
      guard: async ({ params }) => {
        const build = await findBuildOr404(store, params.id);
        return { action: 'artifact.read', resource: projectResource(build.projectId), loaded: build };
      },
      handler: async ({ loaded, query }) => {
        const page = await store.artifacts.listArtifacts({ buildId: loaded.id }, { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
        return { items: page.items.map(toArtifactDto), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/artifacts/{id}',
      summary: 'Get an artifact with its file list (paths, sizes, sha256 digests)',
      tag: 'artifacts',
      params: IdParams,
      response: { status: 200, schema: api.ArtifactDetail },
      errors: ['ERR_ARTIFACT_NOT_FOUND'],
      guard: guardArtifact('artifact.read'),
      handler: ({ loaded }) => toArtifactDetailDto(loaded),
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/artifacts/{id}/archive',
      summary: 'Download an artifact as its tar.gz archive; X-Ritmo-Digest is the archive’s sha256',
      tag: 'artifacts',
      params: IdParams,
      response: { status: 200, contentType: 'application/gzip' },
      errors: ['ERR_ARTIFACT_NOT_FOUND', 'ERR_BLOB_NOT_FOUND'],
      guard: guardArtifact('artifact.read'),
      handler: async ({ loaded, reply }) => {
        const blob = await deps.artifacts.blobs.get(loaded.blobKey);
        reply.header(api.DIGEST_HEADER, loaded.digest);
        reply.header('content-length', String(loaded.size));
        reply.header('content-disposition', `attachment; filename="${fileName(loaded.name)}.tar.gz"`);
        return blob;
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/api/v1/artifacts/{id}/file',
      summary: 'Download one file of an artifact (?path=dist/app.js); X-Ritmo-Digest is the file’s sha256',
      tag: 'artifacts',
      params: IdParams,
      query: api.ArtifactFileQuery,
      response: { status: 200, contentType: 'application/octet-stream' },
      errors: ['ERR_ARTIFACT_NOT_FOUND', 'ERR_ARTIFACT_FILE_NOT_FOUND', 'ERR_BLOB_NOT_FOUND'],
      guard: guardArtifact('artifact.read'),
      handler: async ({ loaded, query, reply }) => {
        const wanted = query.path.replace(/^\.?\/+/, '');
        let entry = loaded.files.find((f) => f.path === wanted);
        if (entry?.type === 'link') entry = loaded.files.find((f) => f.path === entry?.target);
        if (!entry || entry.type !== 'file') {
          throw new RitmoError('ERR_ARTIFACT_FILE_NOT_FOUND', `artifact ${loaded.name} has no file ${wanted}`, { suggestions: [`GET /api/v1/artifacts/${loaded.id} lists its files`] });
        }
        const content = await openArchiveFile(await deps.artifacts.blobs.get(loaded.blobKey), entry.path, deps.artifacts.config.limits);
        if (entry.digest) reply.header(api.DIGEST_HEADER, entry.digest);
        reply.header('content-length', String(entry.size));
        reply.header('content-disposition', `attachment; filename="${fileName(entry.path.split('/').pop() ?? 'file')}"`);
        return content;
      },
    }),
    defineRoute({
      method: 'DELETE',
      path: '/api/v1/artifacts/{id}',
      summary: 'Delete an artifact and its archive',
      tag: 'artifacts',
      params: IdParams,
      response: { status: 204 },
      errors: ['ERR_ARTIFACT_NOT_FOUND'],
      guard: guardArtifact('artifact.delete'),
      handler: async ({ loaded, request }) => {
        await deleteArtifact(deps.artifacts, loaded);
        await recordAudit(deps, request, { action: 'artifact.delete', targetType: 'artifact', targetId: loaded.id, projectId: loaded.projectId, details: { name: loaded.name, digest: loaded.digest } });
      },
    }),
  ];
}
