import type { ApiClient } from './create-api-client.js';

export interface ArtifactInfo {
  id: string;
  buildId: string;
  name: string;
  size: number;
  digest: string;
  fileCount: number;
  promotionLevel: string | null;
  createdAt: string;
  expiresAt: string | null;
  files?: { path: string; type: string; size: number; digest: string | null }[];
}

export interface DeploymentInfo {
  id: string;
  environment: string;
  digest: string | null;
  buildNumber: number | null;
  status: string;
  actor: string | null;
  reason: string | null;
  rollbackOf: string | null;
  canApprove: string[];
  createdAt: string;
  finishedAt: string | null;
}

export interface EnvironmentInfo {
  name: string;
  url: string | null;
  current: DeploymentInfo | null;
}

export interface PromotionInfo {
  id: string;
  digest: string;
  fromLevel: string | null;
  toLevel: string;
  status: string;
  actor: string | null;
  approvals: { username: string }[];
}

export interface DeployResultInfo {
  buildId: string;
  buildNumber: number;
  jobId: string;
  digest: string | null;
  rollbackOf: string | null;
}

const segment = (text: string): string => encodeURIComponent(text);

/** The artifact, promotion, environment and deployment routes of the REST API. */
export function createDeliveryApi(client: ApiClient) {
  const project = (p: string) => `/api/v1/projects/${segment(p)}`;
  const env = (p: string, e: string) => `${project(p)}/environments/${segment(e)}`;
  return {
    listArtifacts: (p: string, filter: { build?: string }) =>
      client.request<{ items: ArtifactInfo[]; nextCursor: string | null }>('GET', `${project(p)}/artifacts?limit=200${filter.build ? `&build=${segment(filter.build)}` : ''}`),
    getArtifact: (id: string) => client.request<ArtifactInfo>('GET', `/api/v1/artifacts/${segment(id)}`),
    promote: (p: string, digest: string, to: string) => client.request<PromotionInfo>('POST', `${project(p)}/promotions`, { digest, to }),
    approvePromotion: (p: string, digest: string, to: string) => client.request<PromotionInfo>('POST', `${project(p)}/promotions/approvals`, { digest, to }),
    getEnvironment: (p: string, e: string) => client.request<EnvironmentInfo>('GET', env(p, e)),
    listDeployments: (p: string, e: string) => client.request<{ items: DeploymentInfo[]; nextCursor: string | null }>('GET', `${env(p, e)}/deployments?limit=20`),
    deploy: (p: string, e: string, digest: string) => client.request<DeployResultInfo>('POST', `${env(p, e)}/deployments`, { digest }),
    rollback: (p: string, e: string) => client.request<DeployResultInfo>('POST', `${env(p, e)}/rollback`),
  };
}

export type DeliveryApi = ReturnType<typeof createDeliveryApi>;
