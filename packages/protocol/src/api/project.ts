import { z } from 'zod';
import { Id, Role, Timestamp } from './common.js';

/** Project names appear in URLs: lowercase letters, digits, `.`, `_` and `-`, starting with a letter or digit. */
export const ProjectName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'must be 1-63 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit');
export type ProjectName = z.infer<typeof ProjectName>;

export const Project = z.object({
  id: Id,
  name: ProjectName,
  repoUrl: z.string().nullable(),
  defaultBranch: z.string(),
  /** Path of the pipeline file in the repository, when the pipeline is read from the repo. */
  pipelinePath: z.string(),
  /** True when the project stores its pipeline inline (it then wins over the repository's file). */
  hasInlinePipeline: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Project = z.infer<typeof Project>;

const RepoUrl = z.string().min(1).max(2048);
const Branch = z.string().min(1).max(255);
const PipelineText = z.string().max(1024 * 1024);

export const CreateProjectRequest = z.strictObject({
  name: ProjectName,
  repoUrl: RepoUrl.optional(),
  defaultBranch: Branch.optional(),
  pipelinePath: z.string().min(1).max(255).optional(),
  /** Inline pipeline YAML. */
  pipeline: PipelineText.optional(),
});
export type CreateProjectRequest = z.infer<typeof CreateProjectRequest>;

export const UpdateProjectRequest = z.strictObject({
  repoUrl: RepoUrl.nullable().optional(),
  defaultBranch: Branch.optional(),
  pipelinePath: z.string().min(1).max(255).optional(),
  /** Inline pipeline YAML; null removes it (the repository's file is used again). */
  pipeline: PipelineText.nullable().optional(),
});
export type UpdateProjectRequest = z.infer<typeof UpdateProjectRequest>;

export const ProjectMember = z.object({
  userId: Id,
  username: z.string(),
  role: Role,
  createdAt: Timestamp,
});
export type ProjectMember = z.infer<typeof ProjectMember>;

export const AddMemberRequest = z.strictObject({
  /** Username or user id. */
  user: z.string().min(1).max(64),
  role: Role,
});
export type AddMemberRequest = z.infer<typeof AddMemberRequest>;

export const UpdateMemberRequest = z.strictObject({ role: Role });
export type UpdateMemberRequest = z.infer<typeof UpdateMemberRequest>;
