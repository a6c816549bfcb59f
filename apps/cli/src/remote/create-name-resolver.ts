import type { Me, RitmoClient, User } from '@ritmo/client';

export interface NameResolver {
  /** The project's name, or its id when it cannot be read. */
  project(id: string): Promise<string>;
  /** The username of a user id (`-` for none: webhooks, schedules), or the id when it cannot be read. */
  user(id: string | null): Promise<string>;
}

/**
 * Turns the ids builds carry into names, asking the server once per id. Users other than the caller
 * are readable by site administrators only; for others the id is shown.
 */
export function createNameResolver(client: RitmoClient): NameResolver {
  const projects = new Map<string, Promise<string>>();
  const users = new Map<string, Promise<string>>();
  let me: Promise<Me | undefined> | undefined;
  return {
    project(id) {
      let name = projects.get(id);
      if (name === undefined) {
        name = client.projects.get(id).then((p) => p.name, () => id);
        projects.set(id, name);
      }
      return name;
    },
    async user(id) {
      if (id === null) return '-';
      let name = users.get(id);
      if (name === undefined) {
        name = (async () => {
          me ??= client.account.me().catch(() => undefined);
          const self = await me;
          if (self?.id === id) return self.username;
          if (self?.admin !== true) return id;
          return client.http.json<User>('GET', `/api/v1/users/${encodeURIComponent(id)}`).then((u) => u.username, () => id);
        })();
        users.set(id, name);
      }
      return name;
    },
  };
}
