import { interpolate, type EvaluateOptions, type ExpressionContext, type Template } from '@ritmo/pipeline';

/** Evaluates each value of an `env:` map against `ctx`; names stay as written. */
export function interpolateEnv(
  templates: Record<string, Template> | undefined,
  ctx: ExpressionContext,
  options: EvaluateOptions,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, template] of Object.entries(templates ?? {})) env[name] = interpolate(template, ctx, options);
  return env;
}
