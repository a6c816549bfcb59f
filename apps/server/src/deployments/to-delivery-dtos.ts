import type * as api from '@ritmo/protocol';
import type { Artifact, CacheEntry, Deployment, DeploymentApproval, Environment, Promotion, Store } from '@ritmo/store';
import { iso } from '../dto/iso.js';
import { approversOf, protectionOf } from './environment-protection.js';

const toApproval = (a: DeploymentApproval): api.Approval => ({ userId: a.userId, username: a.username, at: iso(a.at) });

export function toArtifactDto(a: Artifact): api.Artifact {
  return {
    id: a.id,
    projectId: a.projectId,
    buildId: a.buildId,
    jobId: a.jobId,
    name: a.name,
    size: a.size,
    digest: a.digest,
    fileCount: a.files.length,
    promotionLevel: a.promotionLevel,
    createdAt: iso(a.createdAt),
    expiresAt: iso(a.expiresAt),
  };
}

export function toArtifactDetailDto(a: Artifact): api.ArtifactDetail {
  return { ...toArtifactDto(a), files: a.files.map((f) => ({ path: f.path, type: f.type, size: f.size, digest: f.digest, ...(f.target === undefined ? {} : { target: f.target }) })) };
}

export function toCacheDto(c: CacheEntry): api.Cache {
  return { id: c.id, scope: c.scope, key: c.key, size: c.size, createdAt: iso(c.createdAt), lastUsedAt: iso(c.lastUsedAt) };
}

export function toPromotionDto(p: Promotion, usernames: ReadonlyMap<string, string>): api.Promotion {
  return {
    id: p.id,
    artifactId: p.artifactId,
    digest: p.digest,
    fromLevel: p.fromLevel,
    toLevel: p.toLevel,
    status: p.status,
    actor: p.actor === null ? null : (usernames.get(p.actor) ?? p.actor),
    approvals: p.approvals.map(toApproval),
    createdAt: iso(p.createdAt),
    finishedAt: iso(p.finishedAt),
  };
}

/** Usernames of the given user ids (ids that are no user stay as they are). */
export async function usernamesOf(store: Pick<Store, 'users'>, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const id of new Set(ids.filter((x): x is string => x !== null))) {
    const user = await store.users.findUser(id);
    if (user) out.set(id, user.username);
  }
  return out;
}

export interface DeploymentContext {
  environment: Environment;
  buildNumbers: ReadonlyMap<string, number>;
  usernames: ReadonlyMap<string, string>;
}

export function toDeploymentDto(d: Deployment, ctx: DeploymentContext): api.Deployment {
  return {
    id: d.id,
    projectId: d.projectId,
    environment: ctx.environment.name,
    artifactId: d.artifactId,
    digest: d.artifactDigest,
    buildId: d.buildId,
    buildNumber: d.buildId === null ? null : (ctx.buildNumbers.get(d.buildId) ?? null),
    jobId: d.jobId,
    sha: d.sha,
    actor: d.actor === null ? null : (ctx.usernames.get(d.actor) ?? d.actor),
    status: d.status,
    reason: d.reason,
    rollbackOf: d.rollbackOf,
    approvals: d.approvals.map(toApproval),
    canApprove: d.status === 'pending' ? approversOf(protectionOf(ctx.environment.protection)) : [],
    createdAt: iso(d.createdAt),
    startedAt: iso(d.startedAt),
    finishedAt: iso(d.finishedAt),
  };
}

/** Deployment DTOs with their build numbers and usernames looked up. */
export async function toDeploymentDtos(store: Pick<Store, 'users' | 'builds'>, environment: Environment, deployments: readonly Deployment[]): Promise<api.Deployment[]> {
  const buildNumbers = new Map<string, number>();
  for (const id of new Set(deployments.map((d) => d.buildId).filter((x): x is string => x !== null))) {
    const build = await store.builds.findBuild(id);
    if (build) buildNumbers.set(id, build.number);
  }
  const usernames = await usernamesOf(store, deployments.map((d) => d.actor));
  return deployments.map((d) => toDeploymentDto(d, { environment, buildNumbers, usernames }));
}

export async function toEnvironmentDto(store: Pick<Store, 'users' | 'builds' | 'deployments'>, environment: Environment): Promise<api.Environment> {
  const p = protectionOf(environment.protection);
  const current = (await store.deployments.listSuccessfulDeployments(environment.id, 1))[0];
  return {
    id: environment.id,
    projectId: environment.projectId,
    name: environment.name,
    url: environment.url,
    protection: { reviewers: p.reviewers, requiredApprovals: p.requiredApprovals, allowedBranches: p.allowedBranches, waitTimerMs: p.waitTimerMs },
    current: current ? ((await toDeploymentDtos(store, environment, [current]))[0] ?? null) : null,
    createdAt: iso(environment.createdAt),
    updatedAt: iso(environment.updatedAt),
  };
}
