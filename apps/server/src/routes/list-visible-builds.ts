import type * as api from '@ritmo/protocol';
import type { BuildFilter, Store } from '@ritmo/store';
import type { Actor } from '../auth/actor.js';
import { pipelineNameOf, toBuildDto } from '../dto/to-build-dto.js';

/**
 * Builds across the projects the actor may read, newest first, in one store query: administrators
 * (and filters naming one project the caller was already checked for) see everything the filter
 * matches; anyone else is limited to the projects they have a role in.
 */
export async function listVisibleBuilds(store: Store, actor: Actor, filter: BuildFilter, page: { limit: number; cursor?: string }): Promise<api.Page<api.Build>> {
  const scoped = actor.admin || filter.projectId !== undefined ? filter : { ...filter, projectIds: [...actor.roles.keys()] };
  const result = await store.builds.listBuilds(scoped, page);
  return { items: result.items.map((b) => toBuildDto(b, pipelineNameOf(b))), nextCursor: result.nextCursor };
}
