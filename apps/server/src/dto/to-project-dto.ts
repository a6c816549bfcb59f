import type * as api from '@ritmo/protocol';
import type { Project, ProjectMember } from '@ritmo/store';
import { iso } from './iso.js';

export const DEFAULT_PIPELINE_PATH = '.ritmo.yml';

export function toProjectDto(p: Project): api.Project {
  return {
    id: p.id,
    name: p.name,
    repoUrl: p.repoUrl,
    defaultBranch: p.defaultBranch,
    pipelinePath: p.pipelinePath ?? DEFAULT_PIPELINE_PATH,
    hasInlinePipeline: p.pipelineYaml !== null,
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
  };
}

export function toMemberDto(m: ProjectMember): api.ProjectMember {
  return { userId: m.userId, username: m.username, role: m.role, createdAt: iso(m.createdAt) };
}
