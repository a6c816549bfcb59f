import * as api from '@ritmo/protocol';
import { RitmoError } from '@ritmo/shared';
import type { Artifact, Project, Store } from '@ritmo/store';
import type { Actor } from '../auth/actor.js';
import { roleAtLeast } from '../auth/authorize.js';
import { deliverySettingsOf, isProtectedBranch } from './delivery-settings.js';

export interface PromotionTarget {
  level: api.PromotionLevel;
  /** The level the artifact is at now (null: none yet). */
  from: string | null;
  /** The artifact row the promotion is recorded against: one of a successful build (on a protected branch when the level asks). */
  artifact: Artifact;
}

/**
 * Checks a promotion of `digest` to `to`, or an approval of one, against the level's rules: the
 * level exists and is the next one, the actor has the level's role, and the artifact comes from a
 * successful build (on a protected branch when the level asks). Approvals are counted by the caller.
 */
export async function checkPromotion(store: Pick<Store, 'artifacts' | 'builds'>, project: Project, actor: Actor, digest: string, to: string): Promise<PromotionTarget> {
  const settings = deliverySettingsOf(project);
  const levels = settings.promotionLevels;
  const index = levels.findIndex((l) => l.name === to);
  const level = levels[index];
  if (level === undefined) {
    throw new RitmoError('ERR_DEPLOY_LEVEL_UNKNOWN', `"${to}" is not a promotion level of ${project.name}`, { details: { levels: levels.map((l) => l.name) } });
  }
  const candidates = await store.artifacts.findArtifactsByDigest(project.id, digest);
  if (candidates.length === 0) throw new RitmoError('ERR_ARTIFACT_NOT_FOUND', `project ${project.name} has no artifact ${digest}`);
  const from = candidates.find((a) => a.promotionLevel !== null)?.promotionLevel ?? null;
  const fromIndex = from === null ? -1 : levels.findIndex((l) => l.name === from);
  if (index !== fromIndex + 1) {
    const next = levels[fromIndex + 1]?.name ?? null;
    throw new RitmoError('ERR_DEPLOY_PROMOTION_SKIPS_LEVEL', `${digest.slice(0, 19)} is at ${from ?? 'no level'}; it can go to ${next ?? 'no further level'}, not ${to}`, {
      details: { from, to, next },
    });
  }
  if (!actor.admin && !roleAtLeast(actor.roles.get(project.id), level.role)) {
    throw new RitmoError('ERR_DEPLOY_PROMOTION_ROLE', `promotions to ${to} need the ${level.role} role in ${project.name}`, { details: { level: to, role: level.role } });
  }
  const builds = await Promise.all(candidates.map(async (a) => ({ artifact: a, build: await store.builds.getBuild(a.buildId) })));
  const successful = builds.filter((b) => b.build.status === 'success');
  if (successful.length === 0) {
    throw new RitmoError('ERR_DEPLOY_BUILD_NOT_SUCCESSFUL', `${digest.slice(0, 19)} comes from build #${builds[0]?.build.number ?? '?'}, which is ${builds[0]?.build.status ?? 'unknown'}`, {
      details: { builds: builds.map((b) => ({ id: b.build.id, status: b.build.status })) },
    });
  }
  const eligible = level.protectedBranchOnly ? successful.find((b) => isProtectedBranch(settings, b.build.branch)) : successful[0];
  if (!eligible) {
    throw new RitmoError('ERR_DEPLOY_UNPROTECTED_BRANCH', `${to} accepts artifacts built on ${settings.protectedBranches.join(', ')} only; ${digest.slice(0, 19)} was built on ${successful[0]?.build.branch ?? successful[0]?.build.ref ?? 'another ref'}`, {
      details: { protectedBranches: settings.protectedBranches, branch: successful[0]?.build.branch ?? null },
    });
  }
  return { level, from, artifact: eligible.artifact };
}
