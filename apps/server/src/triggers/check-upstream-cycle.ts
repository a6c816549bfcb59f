import { RitmoError } from '@ritmo/shared';
import type { UpstreamTrigger } from '@ritmo/store';

/**
 * Refuses a new link "`projectId` follows `upstreamProjectId`" when `upstreamProjectId` already
 * follows `projectId`, directly or through others (or is the same project): builds would trigger
 * each other forever.
 */
export function checkUpstreamCycle(links: readonly UpstreamTrigger[], projectId: string, upstreamProjectId: string): void {
  const upstreamsOf = new Map<string, string[]>();
  for (const l of links) upstreamsOf.set(l.projectId, [...(upstreamsOf.get(l.projectId) ?? []), l.upstreamProjectId]);
  const seen = new Set<string>();
  const stack = [upstreamProjectId];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    if (current === projectId) {
      throw new RitmoError('ERR_TRIGGER_UPSTREAM_CYCLE', 'the two projects would trigger each other in a loop', { details: { projectId, upstreamProjectId } });
    }
    if (seen.has(current)) continue;
    seen.add(current);
    stack.push(...(upstreamsOf.get(current) ?? []));
  }
}
