import type { ArtifactDeps } from '../artifacts/artifact-deps.js';
import type { RouteDeps } from './route-deps.js';

/** What the artifact, cache, environment, deployment and promotion routes work with. */
export type DeliveryRouteDeps = RouteDeps & { artifacts: ArtifactDeps };
