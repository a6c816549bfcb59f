import type { Page } from '@ritmo/protocol';
import type { Http } from '../create-http.js';
import { seg, type PageParams } from './page-params.js';

/** A project secret as the API shows it: its name and times, never its value. */
export interface SecretInfo {
  name: string;
  createdAt: string;
  updatedAt: string;
}

/** Project secrets: names only on the way out; values are write-only. */
export function createSecretsApi(http: Http) {
  const base = (project: string) => `/api/v1/projects/${seg(project)}/secrets`;
  return {
    list: (project: string, params: PageParams = {}, signal?: AbortSignal) => http.json<Page<SecretInfo>>('GET', base(project), { query: { ...params }, ...(signal ? { signal } : {}) }),
    put: (project: string, name: string, value: string) => http.json<SecretInfo & { created: boolean }>('PUT', `${base(project)}/${seg(name)}`, { body: { value } }),
    remove: (project: string, name: string) => http.json<void>('DELETE', `${base(project)}/${seg(name)}`),
  };
}

export type SecretsApi = ReturnType<typeof createSecretsApi>;
