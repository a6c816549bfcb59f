import { RitmoError, type Clock } from '@ritmo/shared';
import type { Project, Promotion, Store } from '@ritmo/store';
import type { Actor } from '../auth/actor.js';
import { checkPromotion } from './promotion-rules.js';

/**
 * Records an approval for promoting `digest` to level `to` (the level's rules apply to approvers
 * too). Approvals collect on a pending promotion, one per person.
 */
export async function approvePromotion(deps: { store: Store; clock: Clock }, input: { project: Project; actor: Actor; digest: string; to: string }): Promise<Promotion> {
  const { store } = deps;
  const target = await checkPromotion(store, input.project, input.actor, input.digest, input.to);
  const approval = { userId: input.actor.userId, username: input.actor.username, at: deps.clock.now() };
  const pending = await store.promotions.findPendingPromotion(input.project.id, input.digest, input.to);
  if (!pending) {
    return store.promotions.createPromotion({ projectId: input.project.id, artifactId: target.artifact.id, digest: input.digest, fromLevel: target.from, toLevel: input.to, status: 'pending', approvals: [approval] });
  }
  if (pending.approvals.some((a) => a.userId === input.actor.userId)) {
    throw new RitmoError('ERR_DEPLOY_ALREADY_APPROVED', `you already approved promoting ${input.digest.slice(0, 19)} to ${input.to}`, { details: { approvals: pending.approvals.map((a) => a.username) } });
  }
  return store.promotions.updatePromotion(pending.id, { approvals: [...pending.approvals, approval] }, { ifStatus: ['pending'] });
}

/**
 * Promotes an artifact (by digest) one level up, when the level's rules hold and it has the
 * approvals the level requires; refused with the rule's ERR_ code otherwise. The promotion is
 * recorded (who, when, from, to) and the artifact's level moves.
 */
export async function promoteArtifact(deps: { store: Store; clock: Clock }, input: { project: Project; actor: Actor; digest: string; to: string }): Promise<Promotion> {
  const { store } = deps;
  const target = await checkPromotion(store, input.project, input.actor, input.digest, input.to);
  const pending = await store.promotions.findPendingPromotion(input.project.id, input.digest, input.to);
  const approvals = pending?.approvals ?? [];
  if (approvals.length < target.level.approvals) {
    throw new RitmoError('ERR_DEPLOY_APPROVALS_MISSING', `promotions to ${input.to} need ${target.level.approvals} approval(s); ${input.digest.slice(0, 19)} has ${approvals.length}`, {
      details: { required: target.level.approvals, approvedBy: approvals.map((a) => a.username) },
      suggestions: [`ask someone with the ${target.level.role} role to approve: POST /api/v1/projects/${input.project.name}/promotions/approvals`],
    });
  }
  const now = deps.clock.now();
  return store.transaction(async (tx) => {
    const done = pending
      ? await tx.promotions.updatePromotion(pending.id, { status: 'promoted', actor: input.actor.userId, finishedAt: now, fromLevel: target.from, artifactId: target.artifact.id }, { ifStatus: ['pending'] })
      : await tx.promotions.createPromotion({
          projectId: input.project.id,
          artifactId: target.artifact.id,
          digest: input.digest,
          fromLevel: target.from,
          toLevel: input.to,
          status: 'promoted',
          actor: input.actor.userId,
          finishedAt: now,
        });
    await tx.artifacts.setPromotionLevel(input.project.id, input.digest, input.to);
    return done;
  });
}
