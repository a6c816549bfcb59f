import * as api from '@ritmo/protocol';
import { createPatternMatcher } from '@ritmo/pipeline';
import { RitmoError } from '@ritmo/shared';
import type { Project, Store } from '@ritmo/store';

/** Artifacts climb dev, then staging, then prod unless a project sets its own levels. */
export const DEFAULT_LEVELS: api.PromotionLevel[] = [
  { name: 'dev', role: 'developer', approvals: 0, protectedBranchOnly: false },
  { name: 'staging', role: 'developer', approvals: 0, protectedBranchOnly: true },
  { name: 'prod', role: 'maintainer', approvals: 1, protectedBranchOnly: true },
];

/** The project's delivery settings (kept in its settings under `delivery`), with defaults. */
export function deliverySettingsOf(project: Project): api.DeliverySettings {
  const stored = api.PutDeliverySettingsRequest.safeParse(project.settings['delivery'] ?? {});
  const value = stored.success ? stored.data : {};
  return { protectedBranches: value.protectedBranches ?? [project.defaultBranch], promotionLevels: value.promotionLevels ?? DEFAULT_LEVELS };
}

export function isProtectedBranch(settings: api.DeliverySettings, branch: string | null): boolean {
  return branch !== null && createPatternMatcher(settings.protectedBranches)(branch);
}

/** Replaces what the request names; ERR_DEPLOY_SETTINGS_INVALID for duplicate level names. */
export async function putDeliverySettings(store: Pick<Store, 'projects'>, project: Project, patch: api.PutDeliverySettingsRequest): Promise<api.DeliverySettings> {
  const merged = { ...deliverySettingsOf(project), ...patch };
  const names = merged.promotionLevels.map((l) => l.name);
  if (new Set(names).size !== names.length) {
    throw new RitmoError('ERR_DEPLOY_SETTINGS_INVALID', `promotion levels must have distinct names, not ${names.join(', ')}`);
  }
  await store.projects.updateProject(project.id, { settings: { ...project.settings, delivery: merged } });
  return merged;
}
