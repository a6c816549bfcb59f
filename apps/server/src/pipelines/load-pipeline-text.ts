import { RitmoError } from '@ritmo/shared';
import type { Project } from '@ritmo/store';
import { DEFAULT_PIPELINE_PATH } from '../dto/to-project-dto.js';
import type { RepoMirror } from './create-repo-mirror.js';

export interface PipelineText {
  source: 'inline' | 'repo';
  /** The name diagnostics carry. */
  file: string;
  text: string;
  /** The commit the file was read at (repo only). */
  sha: string | null;
}

/** `main` -> `refs/heads/main`; full refs stay as they are. */
export function toFullRef(ref: string): string {
  return ref.startsWith('refs/') ? ref : `refs/heads/${ref}`;
}

/**
 * The project's pipeline: the inline one when it has one, else the file in its repository at `sha`
 * or at the tip of `ref` (default: the default branch).
 */
export async function loadPipelineText(
  project: Project,
  at: { ref?: string; sha?: string; signal?: AbortSignal },
  mirror: RepoMirror,
): Promise<PipelineText> {
  if (project.pipelineYaml !== null) {
    return { source: 'inline', file: project.pipelinePath ?? DEFAULT_PIPELINE_PATH, text: project.pipelineYaml, sha: null };
  }
  if (project.repoUrl === null) {
    throw new RitmoError('ERR_API_PIPELINE_NOT_FOUND', `project ${project.name} has neither an inline pipeline nor a repository`, {
      suggestions: ['set "pipeline" (inline YAML) or "repoUrl" on the project'],
    });
  }
  const ref = toFullRef(at.ref ?? project.defaultBranch);
  const file = await mirror.readPipeline({
    key: project.id,
    repoUrl: project.repoUrl,
    ref,
    ...(at.sha === undefined ? {} : { sha: at.sha }),
    ...(project.pipelinePath === null ? {} : { path: project.pipelinePath }),
    ...(at.signal === undefined ? {} : { signal: at.signal }),
  });
  if (!file) {
    throw new RitmoError('ERR_API_PIPELINE_NOT_FOUND', `no pipeline file (${project.pipelinePath ?? '.ritmo.yml or .ritmo/*.yml'}) in ${project.repoUrl} at ${at.sha ?? ref}`);
  }
  return { source: 'repo', file: file.path, text: file.text, sha: file.sha };
}
