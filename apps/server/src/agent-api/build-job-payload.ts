import { buildNeedsContext, type PlanJob } from '@ritmo/pipeline';
import { UpstreamBuild, type BuildTrigger, type JobPayload } from '@ritmo/protocol';
import type { Build, ClaimedJob, Job, Project } from '@ritmo/store';
import { mayReceiveSecrets } from '../secrets/index.js';
import type { AgentApiDeps } from './agent-api-deps.js';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The upstream build's facts an upstream trigger stored on the build (`build.trigger.upstream`), if well formed. */
function upstreamOf(build: Build): UpstreamBuild | null {
  const parsed = UpstreamBuild.safeParse(build.trigger['upstream']);
  return parsed.success ? parsed.data : null;
}

function triggerOf(build: Build, project: Project): BuildTrigger {
  return {
    buildId: build.id,
    number: build.number,
    project: project.name,
    projectId: project.id,
    event: build.event,
    ref: build.ref,
    sha: build.sha,
    branch: build.branch,
    tag: build.tag,
    actor: build.actor,
    baseBranch: text(build.trigger.baseBranch),
    prAction: text(build.trigger.prAction),
    trusted: build.trusted,
    upstream: upstreamOf(build),
  };
}

/** The `needs` context: how each needed job ended, with its outputs (matrix cells folded). */
function needsOf(build: Build, job: PlanJob, jobs: readonly Job[]): JobPayload['needs'] {
  if (job.needs.length === 0) return {};
  const byPlanId = new Map(jobs.map((j) => [j.planJobId, j]));
  return buildNeedsContext(job, {
    jobsById: new Map(build.plan.jobs.map((j) => [j.id, j])),
    statusOf: (id) => byPlanId.get(id)?.status ?? 'pending',
    outputsOf: (id) => byPlanId.get(id)?.outputs,
  });
}

/**
 * Everything an agent needs to run a claimed job: the PlanJob, the build's ritmo context, the inputs,
 * the outputs of the jobs it needs, the checkout, and the secrets it references. Untrusted builds
 * (fork pull requests) get no secrets unless a maintainer approved the build's secrets.
 */
export async function buildJobPayload(deps: Pick<AgentApiDeps, 'store' | 'jobTokens' | 'publicUrl' | 'resolveSecrets'>, claim: ClaimedJob): Promise<JobPayload> {
  const { store } = deps;
  const job = claim.job;
  const build = await store.builds.getBuild(job.buildId);
  const project = await store.projects.getProject(build.projectId);
  const jobs = job.needs.length === 0 ? [] : await store.jobs.listBuildJobs(build.id);
  const ref = { jobId: job.id, attempt: claim.attempt, leaseToken: claim.leaseToken };
  return {
    jobId: job.id,
    buildId: build.id,
    attempt: claim.attempt,
    leaseToken: claim.leaseToken,
    jobToken: (await deps.jobTokens()).issue(ref),
    leaseExpiresAt: new Date(claim.leaseExpiresAt).toISOString(),
    job: job.planJob,
    ritmo: triggerOf(build, project),
    inputs: build.inputs,
    needs: needsOf(build, job.planJob, jobs),
    pipelineEnv: build.plan.env,
    secrets: mayReceiveSecrets(build) ? await deps.resolveSecrets({ project, build, job: job.planJob }) : {},
    repo: project.repoUrl === null ? null : { url: project.repoUrl, sha: build.sha, ref: build.ref },
    logOffset: await store.logs.getLogSize(job.id, claim.attempt),
    serverUrl: deps.publicUrl,
  };
}
