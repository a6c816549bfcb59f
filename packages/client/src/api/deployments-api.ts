import type { DeployResult, Deployment, Environment, Page } from '@ritmo/protocol';
import type { Http } from '../create-http.js';
import { seg, type PageParams } from './page-params.js';

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

/** A project's environments, their deployment history, deploys, approvals and rollbacks. */
export function createDeploymentsApi(http: Http) {
  const envPath = (project: string, name: string) => `/api/v1/projects/${seg(project)}/environments/${seg(name)}`;
  return {
    environments: (project: string, params: PageParams = {}, signal?: AbortSignal) =>
      http.json<Page<Environment>>('GET', `/api/v1/projects/${seg(project)}/environments`, { query: { ...params }, ...withSignal(signal) }),
    list: (project: string, environment: string, params: PageParams = {}, signal?: AbortSignal) =>
      http.json<Page<Deployment>>('GET', `${envPath(project, environment)}/deployments`, { query: { ...params }, ...withSignal(signal) }),
    get: (id: string, signal?: AbortSignal) => http.json<Deployment>('GET', `/api/v1/deployments/${seg(id)}`, withSignal(signal)),
    /** Deploy an artifact by digest: the build's deploy job runs again with it. */
    deploy: (project: string, environment: string, digest: string) =>
      http.json<DeployResult>('POST', `${envPath(project, environment)}/deployments`, { body: { digest } }),
    /** Redeploy the previous successful deployment's artifact. */
    rollback: (project: string, environment: string) => http.json<DeployResult>('POST', `${envPath(project, environment)}/rollback`),
    approve: (id: string) => http.json<Deployment>('POST', `/api/v1/deployments/${seg(id)}/approve`),
  };
}

export type DeploymentsApi = ReturnType<typeof createDeploymentsApi>;
