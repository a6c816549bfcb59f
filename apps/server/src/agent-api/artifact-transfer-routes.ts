import { z } from 'zod';
import * as api from '@ritmo/protocol';
import { RitmoError } from '@ritmo/shared';
import type { ArtifactDeps } from '../artifacts/artifact-deps.js';
import { neededArtifacts } from '../artifacts/needed-artifacts.js';
import { storeArtifact } from '../artifacts/store-artifact.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import type { AgentApiDeps } from './agent-api-deps.js';
import { archiveBody, contentLength, fencedTransfer } from './fenced-transfer.js';

const JobParams = z.strictObject({ id: api.Id });
const ArtifactParams = z.strictObject({ id: api.Id, artifactId: api.Id });
const FENCED = ['ERR_AGENT_UNAUTHENTICATED', 'ERR_AGENT_INVALID_JOB_TOKEN', 'ERR_STORE_LEASE_CONFLICT', 'ERR_STORE_NOT_FOUND', 'ERR_API_VALIDATION'] as const;

/** Artifacts between agents and the server: the needs' artifacts a job downloads, and the ones it uploads. */
export function artifactTransferRoutes(deps: AgentApiDeps & { artifacts: ArtifactDeps }): RouteSpec[] {
  const { store } = deps;
  const planJobIds = async (jobIds: (string | null)[]) => {
    const out = new Map<string, string>();
    for (const id of jobIds) {
      if (id === null || out.has(id)) continue;
      const job = await store.jobs.findJob(id);
      if (job) out.set(id, job.planJobId);
    }
    return out;
  };
  return [
    defineRoute({
      method: 'POST',
      path: api.transferPaths.neededArtifacts,
      summary: 'The artifacts of the jobs this job needs, directly or not (job token, fenced by the lease)',
      tag: 'agent-api',
      params: JobParams,
      body: api.LeaseFields,
      response: { status: 200, schema: api.NeededArtifacts },
      errors: [...FENCED],
      guard: 'public',
      handler: async ({ params, body, request }) => {
        const { job, build } = await fencedTransfer(deps, request, params.id, body);
        const artifacts = await neededArtifacts(store, build, job.planJob);
        const jobs = await planJobIds(artifacts.map((a) => a.jobId));
        return {
          artifacts: artifacts.map((a) => ({ id: a.id, name: a.name, digest: a.digest, size: a.size, job: jobs.get(a.jobId ?? '') ?? '' })),
        } satisfies api.NeededArtifacts;
      },
    }),
    defineRoute({
      method: 'GET',
      path: api.transferPaths.artifact,
      summary: 'Download one of the needed artifacts as tar.gz (job token, fenced by the lease); X-Ritmo-Digest is its sha256',
      tag: 'agent-api',
      params: ArtifactParams,
      query: api.TransferQuery,
      response: { status: 200, contentType: 'application/gzip' },
      errors: [...FENCED, 'ERR_ARTIFACT_NOT_AVAILABLE', 'ERR_BLOB_NOT_FOUND'],
      guard: 'public',
      handler: async ({ params, query, request, reply }) => {
        const { job, build } = await fencedTransfer(deps, request, params.id, query);
        const artifact = (await neededArtifacts(store, build, job.planJob)).find((a) => a.id === params.artifactId);
        if (!artifact) throw new RitmoError('ERR_ARTIFACT_NOT_AVAILABLE', `artifact ${params.artifactId} is not one of job "${job.name}"'s needs' artifacts`);
        const blob = await deps.artifacts.blobs.get(artifact.blobKey);
        reply.header(api.DIGEST_HEADER, artifact.digest);
        reply.header('content-length', String(artifact.size));
        return blob;
      },
    }),
    defineRoute({
      method: 'POST',
      path: api.transferPaths.uploadArtifact,
      summary: 'Upload an artifact the job declares: a tar.gz body, its sha256 in ?digest= (job token, fenced by the lease)',
      tag: 'agent-api',
      params: JobParams,
      query: api.UploadArtifactQuery,
      response: { status: 201, schema: api.UploadedArtifact },
      errors: [
        ...FENCED,
        'ERR_ARTIFACT_NOT_DECLARED',
        'ERR_ARTIFACT_DIGEST_MISMATCH',
        'ERR_ARTIFACT_UNSAFE_ENTRY',
        'ERR_ARTIFACT_ARCHIVE_INVALID',
        'ERR_ARTIFACT_TOO_LARGE',
        'ERR_ARTIFACT_TOO_MANY_ENTRIES',
        'ERR_ARTIFACT_QUOTA_EXCEEDED',
        'ERR_API_UNSUPPORTED_MEDIA_TYPE',
      ],
      guard: 'public',
      handler: async ({ params, query, request, reply }) => {
        const body = archiveBody(request, reply);
        const { job, build } = await fencedTransfer(deps, request, params.id, query);
        const artifact = await storeArtifact(deps.artifacts, { build, job, name: query.name, digest: query.digest, body, contentLength: contentLength(request), signal: deps.shutdown });
        request.log.info({ jobId: job.id, artifactId: artifact.id, name: artifact.name, size: artifact.size, digest: artifact.digest }, 'artifact stored');
        return { id: artifact.id, name: artifact.name, digest: artifact.digest, size: artifact.size, fileCount: artifact.files.length } satisfies api.UploadedArtifact;
      },
    }),
  ];
}
