import { compilePipeline, matchTrigger, type Plan } from '@ritmo/pipeline';
import { isRitmoError, RitmoError, toError } from '@ritmo/shared';
import type { Project } from '@ritmo/store';
import { loadPipelineText } from '../pipelines/load-pipeline-text.js';
import type { ChangeRange } from '../scm/changed-files.js';
import type { HookDeps, HookOutcome } from './hook-deps.js';
import { skipsCi } from './skip-ci.js';

/** A build a webhook asks for, before the pipeline's `on:` has had its say. */
export interface EventBuild {
  event: 'push' | 'tag' | 'pull_request';
  ref: string;
  sha: string;
  trusted: boolean;
  /** The head commit's message, when the payload has it (else it is read from the mirror). */
  message: string | null;
  /** Changed files from the payload, or null to diff `range` on the mirror when a filter needs them. */
  changedFiles: string[] | null;
  range: ChangeRange | null;
  prAction?: string;
  baseBranch?: string;
  /** Facts stored on the build (`build.trigger`). */
  trigger: Record<string, unknown>;
}

const branchOf = (ref: string): string | undefined => (ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined);
const tagOf = (ref: string): string | undefined => (ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined);

/** Does `on:` filter this event by the files it changes? Only then are they computed. */
function filtersPaths(plan: Plan, event: EventBuild['event']): boolean {
  const filter = event === 'pull_request' ? plan.on.pullRequest : event === 'push' ? plan.on.push : undefined;
  return filter?.paths !== undefined || filter?.pathsIgnore !== undefined;
}

function failed(e: unknown): HookOutcome {
  const error = toError(e);
  const status = isRitmoError(error) ? error.status : 500;
  return { status: 'failed', httpStatus: status, result: `${isRitmoError(error) ? `${error.code}: ` : ''}${error.message}`, error };
}

/**
 * Reads the pipeline at the event's commit, applies its `on:` filters (with the changed files when
 * paths are filtered) and `[skip ci]`, then creates the build. The outcome says which, and why.
 */
export async function startEventBuild(deps: HookDeps, project: Project, request: EventBuild): Promise<HookOutcome> {
  let plan: Plan;
  try {
    const source = await loadPipelineText(project, { ref: request.ref, sha: request.sha, signal: deps.signal }, deps.mirror);
    const compiled = compilePipeline(source.text, { file: source.file });
    if (!compiled.plan) {
      const first = compiled.diagnostics.find((d) => d.severity === 'error');
      throw new RitmoError('ERR_API_PIPELINE_INVALID', `the pipeline at ${request.sha.slice(0, 12)} has errors; first: ${first?.message ?? 'unknown'}`, {
        details: { diagnostics: compiled.diagnostics },
      });
    }
    plan = compiled.plan;
  } catch (e: unknown) {
    if (isRitmoError(e, 'ERR_API_PIPELINE_NOT_FOUND')) return { status: 'ignored', httpStatus: 200, result: e.message };
    return failed(e);
  }
  try {
    let changedFiles = request.changedFiles ?? undefined;
    if (changedFiles === undefined && request.range !== null && filtersPaths(plan, request.event)) {
      changedFiles = await deps.scm.changedFiles(project, request.range, deps.signal);
    }
    const branch = branchOf(request.ref);
    const tag = tagOf(request.ref);
    const match = matchTrigger(plan.on, {
      event: request.event,
      ref: request.ref,
      sha: request.sha,
      ...(branch === undefined ? {} : { branch }),
      ...(tag === undefined ? {} : { tag }),
      ...(changedFiles === undefined ? {} : { changedFiles }),
      ...(request.prAction === undefined ? {} : { prAction: request.prAction }),
      ...(request.baseBranch === undefined ? {} : { baseBranch: request.baseBranch }),
    });
    if (!match.matched) return { status: 'ignored', httpStatus: 200, result: `on: ${match.reason}` };
    const message = request.message ?? (await deps.scm.commitMessage(project, request.sha, deps.signal)) ?? null;
    if (skipsCi(message)) return { status: 'ignored', httpStatus: 200, result: `the head commit ${request.sha.slice(0, 12)} asks for no build ([skip ci])` };
    const build = await deps.orchestrator.triggerBuild({
      project,
      actor: null,
      event: request.event,
      ref: request.ref,
      sha: request.sha,
      message: message === null ? null : (message.split('\n')[0] ?? '').slice(0, 500),
      trusted: request.trusted,
      trigger: { ...request.trigger, ...(changedFiles === undefined ? {} : { changedFileCount: changedFiles.length }) },
      signal: deps.signal,
    });
    return { status: 'accepted', httpStatus: 202, result: `build #${build.number} (${match.reason})`, build };
  } catch (e: unknown) {
    return failed(e);
  }
}
