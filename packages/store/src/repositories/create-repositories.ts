import { createAgentsRepository, type AgentsRepository } from './agents-repository.js';
import { createApiTokensRepository, type ApiTokensRepository } from './api-tokens-repository.js';
import { createAuditRepository, type AuditRepository } from './audit-repository.js';
import { createBuildsRepository, type BuildsRepository } from './builds/builds-repository.js';
import { createJobAttemptsRepository, type JobAttemptsRepository } from './jobs/job-attempts-repository.js';
import { createJobsRepository, type JobsRepository } from './jobs/jobs-repository.js';
import { createLogChunksRepository, type LogChunksRepository } from './logs/log-chunks-repository.js';
import { createMembersRepository, type MembersRepository } from './members-repository.js';
import { createPipelinesRepository, type PipelinesRepository } from './pipelines-repository.js';
import { createProjectsRepository, type ProjectsRepository } from './projects-repository.js';
import { createRegistrationTokensRepository, type RegistrationTokensRepository } from './registration-tokens-repository.js';
import { createArtifactsRepository, type ArtifactsRepository } from './delivery/artifacts-repository.js';
import { createCachesRepository, type CachesRepository } from './delivery/caches-repository.js';
import { createDeploymentsRepository, type DeploymentsRepository } from './delivery/deployments-repository.js';
import { createEnvironmentsRepository, type EnvironmentsRepository } from './delivery/environments-repository.js';
import { createPromotionsRepository, type PromotionsRepository } from './delivery/promotions-repository.js';
import type { RepoContext } from './repo-context.js';
import { createSchedulesRepository, type SchedulesRepository } from './schedules-repository.js';
import { createSecretsRepository, type SecretsRepository } from './secrets-repository.js';
import { createSessionsRepository, type SessionsRepository } from './sessions-repository.js';
import { createStepsRepository, type StepsRepository } from './steps-repository.js';
import { createReportCasesRepository, type ReportCasesRepository } from './reports/report-cases-repository.js';
import { createUpstreamTriggersRepository, type UpstreamTriggersRepository } from './upstream-triggers-repository.js';
import { createUsersRepository, type UsersRepository } from './users-repository.js';
import { createWebhookDeliveriesRepository, type WebhookDeliveriesRepository } from './webhook-deliveries-repository.js';

/** Every repository, bound to one database handle (the pool, or one transaction). */
export interface Repositories {
  users: UsersRepository;
  apiTokens: ApiTokensRepository;
  sessions: SessionsRepository;
  projects: ProjectsRepository;
  members: MembersRepository;
  pipelines: PipelinesRepository;
  builds: BuildsRepository;
  jobs: JobsRepository;
  jobAttempts: JobAttemptsRepository;
  steps: StepsRepository;
  logs: LogChunksRepository;
  agents: AgentsRepository;
  registrationTokens: RegistrationTokensRepository;
  secrets: SecretsRepository;
  audit: AuditRepository;
  webhookDeliveries: WebhookDeliveriesRepository;
  schedules: SchedulesRepository;
  upstreamTriggers: UpstreamTriggersRepository;
  artifacts: ArtifactsRepository;
  caches: CachesRepository;
  environments: EnvironmentsRepository;
  deployments: DeploymentsRepository;
  promotions: PromotionsRepository;
  reportCases: ReportCasesRepository;
}

export function createRepositories(ctx: RepoContext): Repositories {
  return {
    users: createUsersRepository(ctx),
    apiTokens: createApiTokensRepository(ctx),
    sessions: createSessionsRepository(ctx),
    projects: createProjectsRepository(ctx),
    members: createMembersRepository(ctx),
    pipelines: createPipelinesRepository(ctx),
    builds: createBuildsRepository(ctx),
    jobs: createJobsRepository(ctx),
    jobAttempts: createJobAttemptsRepository(ctx),
    steps: createStepsRepository(ctx),
    logs: createLogChunksRepository(ctx),
    agents: createAgentsRepository(ctx),
    registrationTokens: createRegistrationTokensRepository(ctx),
    secrets: createSecretsRepository(ctx),
    audit: createAuditRepository(ctx),
    webhookDeliveries: createWebhookDeliveriesRepository(ctx),
    schedules: createSchedulesRepository(ctx),
    upstreamTriggers: createUpstreamTriggersRepository(ctx),
    artifacts: createArtifactsRepository(ctx),
    caches: createCachesRepository(ctx),
    environments: createEnvironmentsRepository(ctx),
    deployments: createDeploymentsRepository(ctx),
    promotions: createPromotionsRepository(ctx),
    reportCases: createReportCasesRepository(ctx),
  };
}
