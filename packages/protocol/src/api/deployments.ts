import { z } from 'zod';
import { Approval, Digest } from './artifacts.js';
import { Cursor, Id, Timestamp } from './common.js';

export const EnvironmentName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_" or "-"');
export type EnvironmentName = z.infer<typeof EnvironmentName>;

/** Who must approve a deployment to the environment, from which branches, and how long it waits. */
export const EnvironmentProtection = z.strictObject({
  /** Usernames that may approve; empty: any maintainer of the project. */
  reviewers: z.array(z.string().min(1).max(64)).max(50).default([]),
  /** Distinct approvals a deployment needs (at least 1 when reviewers are named). */
  requiredApprovals: z.number().int().min(0).max(10).optional(),
  /** Branch globs that may deploy here; empty: any branch. */
  allowedBranches: z.array(z.string().min(1).max(255)).max(100).default([]),
  /** A deployment starts this long after it was requested (and approved), in milliseconds. */
  waitTimerMs: z.number().int().min(0).max(30 * 24 * 3600 * 1000).default(0),
});
export type EnvironmentProtection = z.infer<typeof EnvironmentProtection>;

export const DeploymentStatus = z.enum(['pending', 'in_progress', 'success', 'failure', 'rolled_back']);
export type DeploymentStatus = z.infer<typeof DeploymentStatus>;

export const Deployment = z.object({
  id: Id,
  projectId: Id,
  environment: z.string(),
  artifactId: Id.nullable(),
  digest: Digest.nullable(),
  buildId: Id.nullable(),
  buildNumber: z.number().int().nullable(),
  jobId: Id.nullable(),
  sha: z.string().nullable(),
  /** Username of who asked for it (the build's trigger, or who deployed or rolled back). */
  actor: z.string().nullable(),
  status: DeploymentStatus,
  /** Why it waits or failed. */
  reason: z.string().nullable(),
  /** The deployment this one rolled back, for rollbacks. */
  rollbackOf: Id.nullable(),
  approvals: z.array(Approval),
  /** Who can approve it while it waits: usernames, or `maintainers` when any maintainer can. */
  canApprove: z.array(z.string()),
  createdAt: Timestamp,
  startedAt: Timestamp.nullable(),
  finishedAt: Timestamp.nullable(),
});
export type Deployment = z.infer<typeof Deployment>;

export const Environment = z.object({
  id: Id,
  projectId: Id,
  name: z.string(),
  url: z.string().nullable(),
  protection: z.object({
    reviewers: z.array(z.string()),
    requiredApprovals: z.number().int(),
    allowedBranches: z.array(z.string()),
    waitTimerMs: z.number().int(),
  }),
  /** The version running there: its latest successful deployment. */
  current: Deployment.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Environment = z.infer<typeof Environment>;

export const PutEnvironmentRequest = z.strictObject({
  url: z.url().max(2048).nullable().optional(),
  protection: EnvironmentProtection.optional(),
});
export type PutEnvironmentRequest = z.infer<typeof PutEnvironmentRequest>;

export const ListDeploymentsQuery = z.strictObject({
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListDeploymentsQuery = z.infer<typeof ListDeploymentsQuery>;

/** Deploy an artifact: its build's deploy job for the environment runs again with it, nothing is rebuilt. */
export const DeployRequest = z.strictObject({ digest: Digest });
export type DeployRequest = z.infer<typeof DeployRequest>;

/** The build that runs the deploy job (a deploy or a rollback). */
export const DeployResult = z.object({
  buildId: Id,
  buildNumber: z.number().int(),
  jobId: Id,
  digest: Digest.nullable(),
  rollbackOf: Id.nullable(),
});
export type DeployResult = z.infer<typeof DeployResult>;
