import type { AgentRegistrationTokensTable, AgentsTable } from './agent-tables.js';
import type { ConcurrencyLocksTable } from './concurrency-tables.js';
import type { BuildsTable, JobAttemptsTable, JobsTable, LogChunksTable, PipelinesTable, StepsTable } from './build-tables.js';
import type { ArtifactsTable, CachesTable, DeploymentsTable, EnvironmentsTable, PromotionsTable } from './delivery-tables.js';
import type {
  ApiTokensTable,
  AuditEventsTable,
  ProjectMembersTable,
  ProjectsTable,
  SecretsTable,
  SessionsTable,
  UsersTable,
} from './identity-tables.js';
import type { SchedulesTable, WebhookDeliveriesTable } from './trigger-tables.js';
import type { UpstreamTriggersTable } from './upstream-trigger-tables.js';
import type { TestCasesTable } from './report-tables.js';

/** Every table, by its SQL name; the type Kysely checks queries against. */
export interface Database {
  users: UsersTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  projects: ProjectsTable;
  project_members: ProjectMembersTable;
  secrets: SecretsTable;
  audit_events: AuditEventsTable;
  agents: AgentsTable;
  agent_registration_tokens: AgentRegistrationTokensTable;
  pipelines: PipelinesTable;
  builds: BuildsTable;
  jobs: JobsTable;
  job_attempts: JobAttemptsTable;
  steps: StepsTable;
  log_chunks: LogChunksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  schedules: SchedulesTable;
  upstream_triggers: UpstreamTriggersTable;
  artifacts: ArtifactsTable;
  promotions: PromotionsTable;
  environments: EnvironmentsTable;
  deployments: DeploymentsTable;
  caches: CachesTable;
  concurrency_locks: ConcurrencyLocksTable;
  test_cases: TestCasesTable;
}
