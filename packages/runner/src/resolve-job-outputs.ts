import { interpolate, type EvaluateOptions, type ExpressionContext, type Template } from '@ritmo/pipeline';
import { toError } from '@ritmo/shared';
import type { StepResult } from './job-result.js';
import type { LogWriter } from './log-writer.js';
import type { SecretMasker } from './secret-masker.js';

export interface ResolveJobOutputsDeps {
  hashFiles: NonNullable<EvaluateOptions['hashFiles']>;
  masker: SecretMasker;
  log: LogWriter;
}

/**
 * A job's outputs: every step's `$RITMO_OUTPUT` values (later steps win), then the job's `outputs:`
 * templates evaluated with the `steps` context. A value that contains a secret is dropped with a
 * warning, since outputs leave the job unmasked.
 */
export function resolveJobOutputs(
  templates: Record<string, Template>,
  steps: StepResult[],
  ctx: ExpressionContext,
  deps: ResolveJobOutputsDeps,
): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const step of steps) Object.assign(outputs, step.outputs);
  for (const [name, template] of Object.entries(templates)) {
    try {
      outputs[name] = interpolate(template, ctx, { hashFiles: deps.hashFiles });
    } catch (e: unknown) {
      deps.log.system(`Job output "${name}" left out: ${toError(e).message}`);
    }
  }
  for (const [name, value] of Object.entries(outputs)) {
    if (deps.masker.active && deps.masker.mask(value) !== value) {
      deps.log.system(`Job output "${name}" left out: it contains a secret`);
      delete outputs[name];
    }
  }
  return outputs;
}
