import type { PlanJob } from '@ritmo/pipeline';
import type { Build, Project } from '@ritmo/store';

/**
 * A runnable job is held as `waiting` (reason `approval`) until someone with the maintainer role
 * approves it when the build is untrusted (a fork pull request) and the project's
 * `settings.requireApprovalForForks` is not false (it is true by default), or when the job deploys to an
 * environment the project lists in `settings.protectedEnvironments`.
 */
export function needsApproval(build: Build, job: PlanJob, project: Project): boolean {
  if (!build.trusted && project.settings['requireApprovalForForks'] !== false) return true;
  const env = job.environment?.name;
  const protectedEnvs = project.settings['protectedEnvironments'];
  return env !== undefined && Array.isArray(protectedEnvs) && protectedEnvs.includes(env);
}
