import type { Artifact, ArtifactDetail, DeliverySettings, Page, Promotion, PromoteRequest } from '@ritmo/protocol';
import type { Http } from '../create-http.js';
import { seg, type PageParams } from './page-params.js';

export interface ListArtifactsParams extends PageParams {
  build?: string;
  name?: string;
  digest?: string;
}

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

/** A project's build outputs, their downloads, and their promotion up the levels. */
export function createArtifactsApi(http: Http) {
  return {
    list: (project: string, params: ListArtifactsParams = {}, signal?: AbortSignal) =>
      http.json<Page<Artifact>>('GET', `/api/v1/projects/${seg(project)}/artifacts`, { query: { ...params }, ...withSignal(signal) }),
    listForBuild: (buildId: string, params: PageParams = {}, signal?: AbortSignal) =>
      http.json<Page<Artifact>>('GET', `/api/v1/builds/${seg(buildId)}/artifacts`, { query: { ...params }, ...withSignal(signal) }),
    get: (id: string, signal?: AbortSignal) => http.json<ArtifactDetail>('GET', `/api/v1/artifacts/${seg(id)}`, withSignal(signal)),
    /** The URL of the artifact's tar.gz archive (for a download link). */
    archiveUrl: (id: string) => http.url(`/api/v1/artifacts/${seg(id)}/archive`),
    /** The URL of one file inside the artifact. */
    fileUrl: (id: string, path: string) => http.url(`/api/v1/artifacts/${seg(id)}/file`, { path }),
    delivery: (project: string, signal?: AbortSignal) => http.json<DeliverySettings>('GET', `/api/v1/projects/${seg(project)}/delivery`, withSignal(signal)),
    listPromotions: (project: string, params: PageParams & { digest?: string } = {}, signal?: AbortSignal) =>
      http.json<Page<Promotion>>('GET', `/api/v1/projects/${seg(project)}/promotions`, { query: { ...params }, ...withSignal(signal) }),
    /** Promote an artifact to the next level; refused (ERR_DEPLOY_APPROVALS_MISSING …) when it may not go yet. */
    promote: (project: string, body: PromoteRequest) => http.json<Promotion>('POST', `/api/v1/projects/${seg(project)}/promotions`, { body }),
    approvePromotion: (project: string, body: PromoteRequest) =>
      http.json<Promotion>('POST', `/api/v1/projects/${seg(project)}/promotions/approvals`, { body }),
  };
}

export type ArtifactsApi = ReturnType<typeof createArtifactsApi>;
