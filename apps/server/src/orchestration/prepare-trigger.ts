import { compilePipeline, resolveInputs, type EventName, type InputValue } from '@ritmo/pipeline';
import { RitmoError } from '@ritmo/shared';
import type { NewBuild, Project } from '@ritmo/store';
import type { RepoMirror } from '../pipelines/create-repo-mirror.js';
import { loadPipelineText, toFullRef } from '../pipelines/load-pipeline-text.js';

export interface TriggerRequest {
  project: Project;
  /** User id, or null for webhooks and schedules. */
  actor: string | null;
  event: EventName;
  ref?: string;
  sha?: string;
  inputs?: Record<string, InputValue>;
  /** YAML for this build only, instead of the project's pipeline. */
  pipeline?: string;
  message?: string | null;
  /** Default true; false for fork pull requests. */
  trusted?: boolean;
  trigger?: Record<string, unknown>;
  signal?: AbortSignal;
}

/**
 * Everything a trigger needs before it writes: the pipeline text, compiled (ERR_API_PIPELINE_INVALID
 * with the diagnostics when it has errors), and the inputs checked against `on.manual.inputs`.
 */
export async function prepareTrigger(request: TriggerRequest, mirror: RepoMirror): Promise<NewBuild> {
  const { project } = request;
  const source =
    request.pipeline !== undefined
      ? { file: project.pipelinePath ?? '.ritmo.yml', text: request.pipeline, sha: null }
      : await loadPipelineText(project, { ref: request.ref, sha: request.sha, signal: request.signal }, mirror);
  const { plan, diagnostics } = compilePipeline(source.text, { file: source.file });
  if (!plan) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    throw new RitmoError('ERR_API_PIPELINE_INVALID', `the pipeline has ${errors.length} error(s); first: ${errors[0]?.message ?? 'unknown'}`, {
      details: { diagnostics },
      suggestions: ['check it with POST /api/v1/pipelines/validate'],
    });
  }
  const resolved = resolveInputs(plan.on.manual?.inputs ?? {}, request.inputs ?? {});
  const first = resolved.errors[0];
  if (first) {
    throw new RitmoError(first.code, resolved.errors.map((e) => e.message).join('; '), {
      details: { errors: resolved.errors },
      suggestions: first.suggestions ?? [],
    });
  }
  const ref = toFullRef(request.ref ?? project.defaultBranch);
  return {
    projectId: project.id,
    event: request.event,
    ref,
    sha: request.sha ?? source.sha,
    branch: ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : null,
    tag: ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : null,
    actor: request.actor,
    inputs: resolved.inputs,
    trusted: request.trusted ?? true,
    plan,
    message: request.message ?? null,
    trigger: request.trigger ?? {},
  };
}
