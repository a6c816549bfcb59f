import type { RouteSpec } from './http/route-spec.js';
import { analyticsRoutes } from './routes/analytics-routes.js';
import { agentRoutes } from './routes/agent-routes.js';
import { auditRoutes } from './routes/audit-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { buildRoutes } from './routes/build-routes.js';
import { eventRoutes } from './routes/event-routes.js';
import { jobRoutes } from './routes/job-routes.js';
import { jobWaitingRoutes } from './routes/job-waiting-routes.js';
import { logSearchRoutes } from './routes/log-search-routes.js';
import { logTimeRoutes } from './routes/log-time-routes.js';
import { memberRoutes } from './routes/member-routes.js';
import { opsRoutes } from './routes/ops-routes.js';
import { pipelineRoutes } from './routes/pipeline-routes.js';
import { projectRoutes } from './routes/project-routes.js';
import type { RouteDeps } from './routes/route-deps.js';
import { secretRoutes } from './routes/secret-routes.js';
import { buildTestRoutes } from './routes/build-test-routes.js';
import { tokenRoutes } from './routes/token-routes.js';
import { userRoutes } from './routes/user-routes.js';

/** Every REST route of the server, in the order the OpenAPI document lists them. */
export function allRoutes(deps: RouteDeps): RouteSpec[] {
  return [
    ...authRoutes(deps),
    ...projectRoutes(deps),
    ...memberRoutes(deps),
    ...secretRoutes(deps),
    ...pipelineRoutes(deps),
    ...buildRoutes(deps),
    ...jobRoutes(deps),
    ...jobWaitingRoutes(deps),
    ...logSearchRoutes(deps),
    ...logTimeRoutes(deps),
    ...buildTestRoutes(deps),
    ...analyticsRoutes(deps),
    ...eventRoutes(deps),
    ...agentRoutes(deps),
    ...userRoutes(deps),
    ...tokenRoutes(deps),
    ...auditRoutes(deps),
    ...opsRoutes(deps),
  ];
}
