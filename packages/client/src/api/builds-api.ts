import type { Build, BuildDetail, BuildStatus, Page, TriggerBuildRequest } from '@ritmo/protocol';
import type { Http } from '../create-http.js';
import { seg, type PageParams } from './page-params.js';

export interface ListBuildsParams extends PageParams {
  project?: string;
  status?: BuildStatus;
  branch?: string;
  /** Username or user id of who triggered the builds. */
  actor?: string;
}

/** Builds: list with filters, read, trigger, cancel, retry (the whole build or one job and what follows it). */
export function createBuildsApi(http: Http) {
  const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
  return {
    list: (params: ListBuildsParams = {}, signal?: AbortSignal) => http.json<Page<Build>>('GET', '/api/v1/builds', { query: { ...params }, ...opts(signal) }),
    get: (id: string, signal?: AbortSignal) => http.json<BuildDetail>('GET', `/api/v1/builds/${seg(id)}`, opts(signal)),
    getByNumber: (project: string, number: number, signal?: AbortSignal) =>
      http.json<BuildDetail>('GET', `/api/v1/projects/${seg(project)}/builds/${seg(number)}`, opts(signal)),
    trigger: (project: string, body: TriggerBuildRequest = {}) => http.json<BuildDetail>('POST', `/api/v1/projects/${seg(project)}/builds`, { body }),
    cancel: (id: string) => http.json<BuildDetail>('POST', `/api/v1/builds/${seg(id)}/cancel`),
    retry: (id: string) => http.json<BuildDetail>('POST', `/api/v1/builds/${seg(id)}/retry`, { body: {} }),
    retryJob: (buildId: string, jobId: string) => http.json<BuildDetail>('POST', `/api/v1/builds/${seg(buildId)}/retry`, { body: { job: jobId } }),
  };
}

export type BuildsApi = ReturnType<typeof createBuildsApi>;
