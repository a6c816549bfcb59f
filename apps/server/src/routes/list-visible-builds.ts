import type * as api from '@ritmo/protocol';
import { encodeCursor, type BuildFilter, type BuildSummary, type Store } from '@ritmo/store';
import type { Actor } from '../auth/actor.js';
import { pipelineNameOf, toBuildDto } from '../dto/to-build-dto.js';

/** Store pages read at most per request when most builds are in projects the caller cannot see. */
const MAX_SCANS = 10;

/**
 * Builds across the projects the actor may read, newest first. Administrators (and filters naming
 * one project) page straight through the store; anyone else gets the store's pages with other
 * projects' builds left out, reading on until the page is full. The cursor of a cut page points
 * at its last item (the store's `builds` keyset: created_at, id).
 */
export async function listVisibleBuilds(store: Store, actor: Actor, filter: BuildFilter, page: { limit: number; cursor?: string }): Promise<api.Page<api.Build>> {
  const toPage = (items: BuildSummary[], nextCursor: string | null) => ({ items: items.map((b) => toBuildDto(b, pipelineNameOf(b))), nextCursor });
  if (actor.admin || filter.projectId !== undefined) {
    const result = await store.builds.listBuilds(filter, page);
    return toPage(result.items, result.nextCursor);
  }
  if (actor.roles.size === 0) return { items: [], nextCursor: null };
  const items: BuildSummary[] = [];
  let cursor = page.cursor;
  for (let scan = 0; scan < MAX_SCANS; scan++) {
    const result = await store.builds.listBuilds(filter, { limit: page.limit, ...(cursor === undefined ? {} : { cursor }) });
    for (const b of result.items) {
      if (!actor.roles.has(b.projectId)) continue;
      items.push(b);
      if (items.length === page.limit) return toPage(items, encodeCursor('builds', b.createdAt, b.id));
    }
    if (result.nextCursor === null) return toPage(items, null);
    cursor = result.nextCursor;
  }
  return toPage(items, cursor ?? null);
}
