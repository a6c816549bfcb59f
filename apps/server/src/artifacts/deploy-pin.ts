import type { Build } from '@ritmo/store';

/**
 * What a deploy or rollback build runs with: the build whose jobs and artifacts it reuses, the
 * artifact it deploys, and the deployment it rolls back. Kept in the build's trigger facts.
 */
export interface DeployPin {
  kind: 'deploy' | 'rollback';
  /** The plan id of the deploy job that runs; the other jobs are reused from the source build. */
  job: string;
  sourceBuildId: string;
  artifactId: string | null;
  environment: string;
  rollbackOf: string | null;
}

export function deployPinOf(build: Pick<Build, 'trigger'>): DeployPin | undefined {
  const pin = build.trigger['deploy'];
  if (pin === null || typeof pin !== 'object') return undefined;
  const p = pin as Partial<DeployPin>;
  if (typeof p.sourceBuildId !== 'string' || typeof p.environment !== 'string' || typeof p.job !== 'string') return undefined;
  return {
    kind: p.kind === 'rollback' ? 'rollback' : 'deploy',
    job: p.job,
    sourceBuildId: p.sourceBuildId,
    artifactId: typeof p.artifactId === 'string' ? p.artifactId : null,
    environment: p.environment,
    rollbackOf: typeof p.rollbackOf === 'string' ? p.rollbackOf : null,
  };
}
