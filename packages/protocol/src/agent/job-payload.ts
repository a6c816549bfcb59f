import { z } from 'zod';
import { Id, Timestamp } from '../api/common.js';
import { WirePlanJob } from './wire-plan-job.js';

/** `POST /api/v1/agent/claim` (agent token): long-polls for one job the agent's labels satisfy. */
export const ClaimRequest = z.strictObject({
  /** Unique per claim: repeating a request whose answer was lost returns the same claim, never a second job. */
  requestId: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, 'must be 8-100 letters, digits, _ or -'),
  /** Jobs the agent could start now (at least 1). */
  slots: z.number().int().min(1).max(256),
  /** How long the server may hold the request while nothing is queued (default: its poll timeout); 0 answers at once. */
  waitMs: z.number().int().min(0).max(120_000).optional(),
});
export type ClaimRequest = z.infer<typeof ClaimRequest>;

/** The build that started this one (event `upstream`): `ritmo.upstream` in expressions, with these snake_case names. */
export const UpstreamBuild = z.object({
  project: z.string(),
  project_id: Id,
  build_id: Id,
  build_number: z.number().int(),
  /** How the upstream build ended: `success`, `failure` or `canceled`. */
  status: z.string(),
  event: z.string(),
  ref: z.string().nullable(),
  sha: z.string().nullable(),
  branch: z.string().nullable(),
  tag: z.string().nullable(),
  /** 1 for a direct upstream, 2 for the upstream of an upstream ... */
  depth: z.number().int().min(1),
});
export type UpstreamBuild = z.infer<typeof UpstreamBuild>;

/** What the build runs for: the `ritmo` context of the job's expressions and its `RITMO_*` variables. */
export const BuildTrigger = z.object({
  buildId: Id,
  number: z.number().int(),
  project: z.string(),
  projectId: Id,
  event: z.string(),
  ref: z.string().nullable(),
  sha: z.string().nullable(),
  branch: z.string().nullable(),
  tag: z.string().nullable(),
  actor: z.string().nullable(),
  baseBranch: z.string().nullable(),
  prAction: z.string().nullable(),
  /** False for builds from forks: they get no secrets. */
  trusted: z.boolean(),
  /** The upstream build, for builds an upstream build started; null (or absent, from older servers) otherwise. */
  upstream: UpstreamBuild.nullable().optional(),
});
export type BuildTrigger = z.infer<typeof BuildTrigger>;

/** The source to check out: the project's repository at the build's commit (or ref when no commit is known). */
export const RepoCheckout = z.object({
  url: z.string().min(1),
  sha: z.string().nullable(),
  ref: z.string().nullable(),
});
export type RepoCheckout = z.infer<typeof RepoCheckout>;

/** One entry of the `needs` context: how a needed job ended and its outputs. */
export const NeedResult = z.object({ result: z.string(), outputs: z.record(z.string(), z.string()) });
export type NeedResult = z.infer<typeof NeedResult>;

/** A claimed job: everything the agent needs to run it, plus the lease it runs under. */
export const JobPayload = z.object({
  jobId: Id,
  buildId: Id,
  attempt: z.number().int().min(1),
  /** The fence: every write about this job carries (jobId, attempt, leaseToken). */
  leaseToken: z.string().min(1),
  /** `ritmojob_…`: authenticates the writes of this job, and nothing else. */
  jobToken: z.string().min(1),
  leaseExpiresAt: Timestamp,
  job: WirePlanJob,
  ritmo: BuildTrigger,
  inputs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  /** Keyed by the job keys named in `needs:`. */
  needs: z.record(z.string(), NeedResult),
  /** The pipeline's top-level `env:` (templates, evaluated by the agent). */
  pipelineEnv: z.record(z.string(), z.string()),
  /** Values of the secrets the job references (none for untrusted builds). */
  secrets: z.record(z.string(), z.string()),
  /** Null when the project has no repository (an inline pipeline): the workspace starts empty. */
  repo: RepoCheckout.nullable(),
  /** Bytes of this attempt's log the server already has (non-zero only when a claim is answered again). */
  logOffset: z.number().int().min(0),
  /** The server's public URL, for `RITMO_SERVER_URL`. */
  serverUrl: z.string(),
});
export type JobPayload = z.infer<typeof JobPayload>;
