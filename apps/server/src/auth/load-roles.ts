import type { Role } from '@ritmo/protocol';
import type { Store } from '@ritmo/store';

/** A user's role in every project they belong to (one query; the members repository lists by project only). */
export async function loadRoles(db: Store['db'], userId: string): Promise<Map<string, Role>> {
  const rows = await db.selectFrom('project_members').select(['project_id', 'role']).where('user_id', '=', userId).execute();
  return new Map(rows.map((r) => [r.project_id, r.role as Role]));
}
