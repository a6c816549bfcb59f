import type { Role } from '@ritmo/protocol';

/** Who is calling: a signed-in user (by session cookie or API token) with their role in each project. */
export interface Actor {
  userId: string;
  username: string;
  /** Site administrators may do anything. */
  admin: boolean;
  /** Project id -> the user's role there. */
  roles: ReadonlyMap<string, Role>;
  via: 'token' | 'session';
  /** The API token or session used, so it can be revoked or logged out. */
  credentialId: string;
}

/** What an action is performed on. */
export type Resource = { kind: 'site' } | { kind: 'project'; projectId: string } | { kind: 'user'; userId: string };

export const site: Resource = { kind: 'site' };
export const projectResource = (projectId: string): Resource => ({ kind: 'project', projectId });
export const userResource = (userId: string): Resource => ({ kind: 'user', userId });
