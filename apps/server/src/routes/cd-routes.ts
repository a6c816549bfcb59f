import type { RouteSpec } from '../http/route-spec.js';
import { artifactRoutes } from './artifact-routes.js';
import { cacheRoutes } from './cache-routes.js';
import type { DeliveryRouteDeps } from './delivery-route-deps.js';
import { deploymentRoutes } from './deployment-routes.js';
import { environmentRoutes } from './environment-routes.js';
import { promotionRoutes } from './promotion-routes.js';

/** The routes of the CD half: artifacts, caches, promotions, environments and deployments. */
export function cdRoutes(deps: DeliveryRouteDeps): RouteSpec[] {
  return [...artifactRoutes(deps), ...cacheRoutes(deps), ...promotionRoutes(deps), ...environmentRoutes(deps), ...deploymentRoutes(deps)];
}
