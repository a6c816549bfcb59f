import type { ManualInput, PullRequestFilter, PushFilter, Triggers } from '../plan.js';
import type { PipelineInput } from '../schema/pipeline-schema.js';
import { compact, mapValues, toList, type CompileContext } from './compile-context.js';

type OnInput = NonNullable<PipelineInput['on']>;
type OnMap = Extract<OnInput, Record<string, unknown> & { push?: unknown }>;
type ManualInputSource = NonNullable<NonNullable<OnMap['manual']>['inputs']>[string];
type FilterInput = Partial<Record<'branches' | 'branches-ignore' | 'tags' | 'tags-ignore' | 'paths' | 'paths-ignore', string | string[]>>;

export const DEFAULT_PR_TYPES = ['opened', 'synchronize', 'reopened'];

/**
 * Compiles `on:`. Without `on:`, a pipeline runs on every push to a branch, every tag and when
 * started by hand (not on pull requests, so one commit does not build twice). An event name or a
 * list of names means those events without filters.
 */
export function compileTriggers(on: PipelineInput['on'], ctx: CompileContext): Triggers {
  if (on === undefined) return { push: {}, tag: {}, schedule: [], manual: { inputs: {} } };
  if (typeof on === 'string' || Array.isArray(on)) {
    const events = toList(on);
    const map: OnMap = {};
    events.forEach((event, i) => {
      if (event === 'schedule') {
        const path = Array.isArray(on) ? ['on', i] : ['on'];
        ctx.report('ERR_PIPELINE_INVALID_VALUE', 'schedule needs cron entries: on: { schedule: [{ cron: "0 3 * * *" }] }', path);
      } else {
        map[event] = null;
      }
    });
    return compileMap(map);
  }
  return compileMap(on as OnMap);
}

function compileMap(on: OnMap): Triggers {
  const pr = on.pull_request;
  return compact<Triggers>({
    push: on.push === undefined ? undefined : filters(on.push ?? {}),
    pullRequest:
      pr === undefined
        ? undefined
        : ({ ...filters(pr ?? {}, ['branches', 'branches-ignore', 'paths', 'paths-ignore']), types: [...(pr?.types ?? DEFAULT_PR_TYPES)] } as PullRequestFilter),
    tag: on.tag === undefined ? undefined : filters(on.tag ?? {}, ['tags', 'tags-ignore']),
    schedule: (on.schedule ?? []).map((s) => compact({ cron: s.cron, timezone: s.timezone })),
    manual: on.manual === undefined ? undefined : { inputs: mapValues(on.manual?.inputs, compileInput) },
  });
}

function compileInput(input: ManualInputSource): ManualInput {
  return compact<ManualInput>({
    type: input.type ?? 'string',
    description: input.description,
    required: input.required ?? false,
    default: input.default,
    options: input.options ? [...input.options] : undefined,
  });
}

const FILTER_KEYS = [
  ['branches', 'branches'],
  ['branches-ignore', 'branchesIgnore'],
  ['tags', 'tags'],
  ['tags-ignore', 'tagsIgnore'],
  ['paths', 'paths'],
  ['paths-ignore', 'pathsIgnore'],
] as const;

function filters(input: FilterInput, only?: readonly (keyof FilterInput)[]): PushFilter {
  const out: PushFilter = {};
  for (const [from, to] of FILTER_KEYS) {
    const value = input[from];
    if (value !== undefined && (!only || only.includes(from))) out[to] = toList(value);
  }
  return out;
}
