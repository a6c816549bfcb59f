import { basename } from 'node:path';
import { matchTrigger, resolveInputs, type ExpressionContext, type Plan, type TriggerContext, type TriggerMatch } from '@ritmo/pipeline';
import { RitmoError } from '@ritmo/shared';
import type { CliDeps } from '../cli-deps.js';
import { parseEvent } from '../args/parse-event.js';
import { parseKeyValues } from '../args/parse-key-values.js';
import { buildTriggerContext } from './build-trigger-context.js';
import { readGitFacts } from './read-git-facts.js';
import { toRitmoContext } from './to-ritmo-context.js';

export interface LocalTriggerArgs {
  event?: string;
  ref?: string;
  /** `--input k=v` values as given. */
  input?: readonly string[];
}

export interface LocalTrigger {
  trigger: TriggerContext;
  /** `ritmo` and `inputs`, what job `if:`s and steps read. */
  context: ExpressionContext;
  /** Whether the pipeline's `on:` wants a build for this trigger. */
  on: TriggerMatch;
}

/**
 * The trigger of a local plan or run: `--event` (default push), `--ref` or the working tree's git facts,
 * and `--input` values checked and typed against `on.manual.inputs`. Defaults fill in, and a missing
 * required input is an error, only for `--event manual`. Bad inputs throw ERR_CLI_INPUT_INVALID.
 */
export async function resolveLocalTrigger(plan: Plan, args: LocalTriggerArgs, deps: Pick<CliDeps, 'cwd' | 'env' | 'signal'>): Promise<LocalTrigger> {
  const event = parseEvent(args.event);
  const given = parseKeyValues(args.input ?? [], '--input');
  const resolved = resolveInputs(plan.on.manual?.inputs ?? {}, given);
  const errors = resolved.errors.filter((e) => event === 'manual' || e.code !== 'ERR_PIPELINE_INPUT_REQUIRED');
  if (errors.length > 0) {
    throw new RitmoError('ERR_CLI_INPUT_INVALID', errors.map((e) => e.message).join('; '), {
      details: { errors },
      suggestions: errors.flatMap((e) => e.suggestions ?? []),
    });
  }
  // Defaults belong to manual builds; other events see only the inputs given on the command line.
  const inputs = event === 'manual' ? resolved.inputs : Object.fromEntries(Object.entries(resolved.inputs).filter(([k]) => Object.hasOwn(given, k)));
  const git = await readGitFacts(deps.cwd, deps.env, deps.signal);
  const trigger = buildTriggerContext({
    event,
    ...(args.ref === undefined ? {} : { ref: args.ref }),
    ...(git === undefined ? {} : { git }),
    project: basename(deps.cwd),
    ...(deps.env.USER === undefined ? {} : { actor: deps.env.USER }),
    inputs,
  });
  const context: ExpressionContext = { ritmo: toRitmoContext(trigger), inputs };
  return { trigger, context, on: matchTrigger(plan.on, trigger) };
}
