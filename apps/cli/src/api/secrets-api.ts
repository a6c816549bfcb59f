import type { ApiClient } from './create-api-client.js';

/** A project secret as the API lists it: never its value. */
export interface SecretInfo {
  name: string;
  createdAt: string;
  updatedAt: string;
}

const segment = (text: string): string => encodeURIComponent(text);

/** The secret routes of the REST API. */
export function createSecretsApi(client: ApiClient) {
  const base = (project: string) => `/api/v1/projects/${segment(project)}/secrets`;
  return {
    setSecret: (project: string, name: string, value: string) =>
      client.request<SecretInfo & { created: boolean }>('PUT', `${base(project)}/${segment(name)}`, { value }),

    /** Every page, in name order. */
    async listSecrets(project: string): Promise<SecretInfo[]> {
      const all: SecretInfo[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `?limit=200${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
        const page: { items: SecretInfo[]; nextCursor: string | null } = await client.request('GET', `${base(project)}${query}`);
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null);
      return all;
    },

    deleteSecret: (project: string, name: string) => client.request<void>('DELETE', `${base(project)}/${segment(name)}`),
  };
}

export type SecretsApi = ReturnType<typeof createSecretsApi>;
