export { createStore, type StoreOptions } from './create-store.js';
export type { PoolStats, Store, StoreTransaction } from './store.js';
export type { Repositories } from './repositories/create-repositories.js';
export type { DialectName } from './dialect/dialect-name.js';
export type { Database } from './schema/database.js';
export type { MigrationReport, MigrationState } from './migrations/run-migrations.js';
export { encodeCursor, decodeCursor, type Cursor, type CursorKey } from './pagination/cursor.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page, type PageRequest } from './pagination/page.js';
export { isTransientDbError, isUniqueViolation, translateDbError, withDbErrors } from './repositories/db-errors.js';
export {
  PROJECT_ROLES,
  type AgentStatus,
  type AttemptStatus,
  type BuildStatus,
  type DeliveryStatus,
  type JobStatus,
  type ProjectRole,
  type StepStatus,
} from './statuses.js';

export type { User, NewUser, UserPatch, UserFilter, UsersRepository } from './repositories/users-repository.js';
export type { ApiToken, NewApiToken, ApiTokenPatch, ApiTokensRepository } from './repositories/api-tokens-repository.js';
export type { Session, NewSession, SessionsRepository } from './repositories/sessions-repository.js';
export type { Project, NewProject, ProjectPatch, ProjectFilter, ProjectsRepository } from './repositories/projects-repository.js';
export type { ProjectMember, NewProjectMember, MembersRepository } from './repositories/members-repository.js';
export type { Pipeline, NewPipeline, PipelinePatch, PipelinesRepository } from './repositories/pipelines-repository.js';
export type { Build, BuildSummary, BuildInputs, NewBuild, BuildPatch } from './repositories/builds/build-record.js';
export type { BuildsRepository, BuildGuard } from './repositories/builds/builds-repository.js';
export type { BuildFilter } from './repositories/builds/list-builds.js';
export type { NewBuildWithJobs } from './repositories/builds/create-build-with-jobs.js';
export type { Job, NewJob, JobPatch } from './repositories/jobs/job-record.js';
export type { JobsRepository, JobFilter, JobGuard } from './repositories/jobs/jobs-repository.js';
export type { JobAttempt, NewJobAttempt, JobAttemptPatch, JobAttemptsRepository } from './repositories/jobs/job-attempts-repository.js';
export type { Step, NewStep, StepPatch, StepsRepository } from './repositories/steps-repository.js';
export type { TestCase, TestCaseStatus, NewTestCase, TestReportRef, ReportCasesRepository } from './repositories/reports/report-cases-repository.js';
export type { LogChunksRepository } from './repositories/logs/log-chunks-repository.js';
export type { LogChunkInput, AppendResult } from './repositories/logs/append-log-chunk.js';
export type { ByteRange } from './repositories/logs/read-log.js';
export type { Agent, NewAgent, AgentPatch, AgentFilter, AgentsRepository } from './repositories/agents-repository.js';
export type {
  RegistrationToken,
  NewRegistrationToken,
  RegistrationTokensRepository,
} from './repositories/registration-tokens-repository.js';
export type { Secret, SecretSummary, NewSecret, SecretsRepository } from './repositories/secrets-repository.js';
export type { AuditEvent, NewAuditEvent, AuditFilter, AuditRepository } from './repositories/audit-repository.js';
export type {
  WebhookDelivery,
  WebhookDeliverySummary,
  NewWebhookDelivery,
  WebhookDeliveryPatch,
  WebhookDeliveryFilter,
  WebhookDeliveriesRepository,
} from './repositories/webhook-deliveries-repository.js';
export type { Schedule, NewSchedule, SchedulePatch, ScheduleTick, SchedulesRepository } from './repositories/schedules-repository.js';
export type { UpstreamTrigger, NewUpstreamTrigger, UpstreamTriggersRepository } from './repositories/upstream-triggers-repository.js';
export type { Artifact, ArtifactFileEntry, NewArtifact, ArtifactFilter, ArtifactsRepository } from './repositories/delivery/artifacts-repository.js';
export type { CacheEntry, NewCacheEntry, CachesRepository } from './repositories/delivery/caches-repository.js';
export type { Environment, NewEnvironment, EnvironmentsRepository } from './repositories/delivery/environments-repository.js';
export type {
  Deployment,
  DeploymentApproval,
  DeploymentPatch,
  DeploymentStatus,
  NewDeployment,
  DeploymentsRepository,
} from './repositories/delivery/deployments-repository.js';
export type { Promotion, PromotionPatch, PromotionStatus, NewPromotion, PromotionsRepository } from './repositories/delivery/promotions-repository.js';

export type { Queue } from './queue/queue.js';
export type { ClaimJobInput } from './queue/claim-job.js';
export { DEFAULT_FIRST_HEARTBEAT_TIMEOUT_MS } from './queue/claim-job.js';
export type { ClaimedJob } from './queue/claimed-job.js';
export type { Lease, LeasePhase } from './queue/lease.js';
export { AGENT_LOST, FIRST_HEARTBEAT_MISSED, RELEASED, type LeaseRef, type LeaseConflictReason } from './queue/lease-ref.js';
export type { ExtendLeaseInput, ExtendedLease } from './queue/extend-lease.js';
export type { ExtendLeasesInput, ExtendLeasesResult } from './queue/extend-leases.js';
export type { AttemptOutcome, AttemptResult, EndedAttempt, RetryDecision } from './queue/end-attempt.js';
export type { CompleteJobInput } from './queue/complete-job.js';
export type { FailJobInput } from './queue/fail-job.js';
export type { ReleaseJobInput } from './queue/release-job.js';
export type { ExpireLeasesInput, ExpireLeasesResult, ExpiredLease } from './queue/expire-leases.js';
export { agentLostRetries, type AgentLostPolicy } from './queue/agent-lost-retries.js';
export type { QueuePosition } from './queue/queue-position.js';
export type { AgentCapacity } from './queue/live-agents.js';
export type { WaitingFacts } from './queue/explain-waiting.js';
export { CONCURRENCY_REASON, type ConcurrencyHolder, type ConcurrencyKey, type ConcurrencyLock, type ConcurrencyScope } from './queue/concurrency/concurrency-lock.js';
export type { ConcurrencyClaim } from './queue/concurrency/acquire-concurrency.js';
export type { ConcurrencyWaiter } from './queue/concurrency/list-concurrency-waiters.js';
export type { ConcurrencyWait } from './queue/concurrency/explain-concurrency.js';
