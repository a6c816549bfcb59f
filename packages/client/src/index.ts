export { createRitmoClient, type RitmoClient, type BuildEventsParams } from './create-ritmo-client.js';
export { createHttp, errorFromResponse, type Http, type HttpOptions, type RequestOptions, type QueryValue } from './create-http.js';
export { RitmoApiError, isRitmoApiError } from './ritmo-api-error.js';
export { openLiveStream, type LiveStream, type LiveStreamOptions, type LiveState } from './open-live-stream.js';
export { createSseParser, type SseMessage, type SseParser } from './parse-sse.js';
export type { ListBuildsParams } from './api/builds-api.js';
export type { ListArtifactsParams } from './api/artifacts-api.js';
export type { LogRange, ReadLogParams, SearchLogParams } from './api/jobs-api.js';
export type { PageParams } from './api/page-params.js';
export type { SecretInfo } from './api/secrets-api.js';
export { toError } from '@ritmo/shared';
// The API's types, so an application needs no other package to speak to Ritmo.
export { isFinalStatus } from '@ritmo/protocol';
export type {
  Agent,
  Artifact,
  ArtifactDetail,
  ArtifactFile,
  DeliverySettings,
  Deployment,
  DeploymentStatus,
  DeployResult,
  Environment,
  Promotion,
  PromotionLevel,
  Analytics,
  AnalyticsDay,
  BuildTests,
  FlakyTest,
  FlakyTests,
  SlowJob,
  TestResult,
  AgentRegistrationToken,
  ApiToken,
  AuditEvent,
  Build,
  BuildDetail,
  BuildStatus,
  CreateProjectRequest,
  CreatedAgentToken,
  CreatedApiToken,
  Diagnostic,
  Job,
  JobStatus,
  JobWaiting,
  LiveEvent,
  LogLinesEvent,
  LogSearchMatch,
  LogSearchResult,
  LogTimes,
  Me,
  Page,
  PipelineSource,
  Project,
  ProjectMember,
  Role,
  Step,
  StepStatus,
  UpdateProjectRequest,
  User,
  WebhookDelivery,
} from '@ritmo/protocol';
