import type { RitmoContext } from '@ritmo/pipeline';

export interface JobEnvInput {
  jobId: string;
  jobName: string;
  workspace: string;
  /** The job's private temp directory. */
  tempDir?: string;
}

/**
 * The variables every step sees (DESIGN.md §4): `CI`, `RITMO` and `RITMO_*` built from the `ritmo`
 * context. Values the context lacks are left out rather than set empty.
 */
export function buildJobEnv(ritmo: RitmoContext | undefined, job: JobEnvInput): Record<string, string> {
  const r = ritmo ?? {};
  const env: Record<string, string> = { CI: 'true', RITMO: 'true' };
  const set = (name: string, value: unknown): void => {
    if (value !== undefined && value !== null && value !== '') env[name] = String(value);
  };
  set('RITMO_BUILD_ID', r.build_id);
  set('RITMO_BUILD_NUMBER', r.build_number);
  set('RITMO_JOB_ID', job.jobId);
  set('RITMO_JOB_NAME', job.jobName);
  set('RITMO_PROJECT', r.project);
  set('RITMO_COMMIT', r.sha);
  set('RITMO_REF', r.ref);
  set('RITMO_BRANCH', r.branch);
  set('RITMO_TAG', r.tag);
  set('RITMO_BASE_BRANCH', r.base_branch);
  set('RITMO_EVENT', r.event);
  set('RITMO_ACTOR', r.actor);
  set('RITMO_WORKSPACE', job.workspace);
  set('RITMO_TEMP', job.tempDir);
  set('RITMO_SERVER_URL', r.server_url);
  return env;
}
