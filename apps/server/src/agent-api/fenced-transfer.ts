import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { RitmoError } from '@ritmo/shared';
import type { Build, Job, Project } from '@ritmo/store';
import type { AgentApiDeps } from './agent-api-deps.js';
import { authenticateJob } from './agent-credentials.js';

/** The job of an artifact or cache transfer, once its job token and lease were checked. */
export interface TransferContext {
  job: Job;
  build: Build;
  project: Project;
}

/** Checks the job token and the lease (409 ERR_STORE_LEASE_CONFLICT when it no longer holds), then loads the job's build and project. */
export async function fencedTransfer(deps: Pick<AgentApiDeps, 'store' | 'jobTokens'>, request: FastifyRequest, jobId: string, lease: { attempt: number; leaseToken: string }): Promise<TransferContext> {
  const ref = { jobId, attempt: lease.attempt, leaseToken: lease.leaseToken };
  await authenticateJob(deps, request, ref);
  const job = await deps.store.queue.assertLease(ref);
  const build = await deps.store.builds.getBuild(job.buildId);
  return { job, build, project: await deps.store.projects.getProject(build.projectId) };
}

/**
 * The raw archive body of an upload (`application/gzip`). A request refused before its body was
 * read gets its connection closed after the answer, rather than the body being read for nothing.
 */
export function archiveBody(request: FastifyRequest, reply: FastifyReply): Readable {
  const body = request.body as Readable | undefined;
  if (body === undefined || typeof (body as Partial<Readable>).pipe !== 'function') {
    throw new RitmoError('ERR_API_UNSUPPORTED_MEDIA_TYPE', 'send the archive as the body, with content-type application/gzip');
  }
  reply.raw.once('finish', () => {
    if (!body.readableEnded) request.raw.destroy();
  });
  return body;
}

/** The request's Content-Length, when it has a valid one. */
export function contentLength(request: FastifyRequest): number | undefined {
  const n = Number(request.headers['content-length']);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}
