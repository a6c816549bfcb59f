import type { PromotionLevel } from '@ritmo/client';

/** The level an artifact at `current` climbs to next, or undefined at the top (or an unknown level). */
export function nextLevel(levels: readonly PromotionLevel[], current: string | null): PromotionLevel | undefined {
  if (current === null) return levels[0];
  const at = levels.findIndex((l) => l.name === current);
  return at === -1 ? undefined : levels[at + 1];
}
