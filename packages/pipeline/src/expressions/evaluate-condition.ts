import { RitmoError } from '@ritmo/shared';
import { callsStatusFunction } from './calls-status-function.js';
import { evaluateExpression } from './evaluate-expression.js';
import { isTruthy } from './is-truthy.js';
import { scanTemplate } from './scan-template.js';
import type { EvaluateOptions, ExpressionContext, StatusContext } from './expression-context.js';

export interface ConditionOptions extends EvaluateOptions {
  status: StatusContext;
}

/**
 * Decides an `if:`. The text may be wrapped in `${{ }}` or not. No condition means `success()`; a
 * condition that calls none of success(), failure(), always(), cancelled() means `success() && (expr)`,
 * as in GitHub Actions (so a job after a failed one is skipped unless it asks for `always()` or `failure()`).
 * Throws `ERR_PIPELINE_EXPRESSION` when the condition cannot be evaluated.
 */
export function evaluateCondition(source: string | undefined, ctx: ExpressionContext, options: ConditionOptions): boolean {
  const succeeded = !options.status.failed && !options.status.cancelled && !options.status.skipped;
  const expression = unwrapCondition(source);
  if (expression === undefined) return succeeded;
  if (!callsStatusFunction(expression) && !succeeded) return false;
  return isTruthy(evaluateExpression(expression, ctx, options));
}

/** The bare expression of an `if:`, or undefined when there is none. */
export function unwrapCondition(source: string | undefined): string | undefined {
  const text = source?.trim() ?? '';
  if (text === '') return undefined;
  if (!text.includes('${{')) return text;
  const segments = scanTemplate(text);
  const only = segments[0];
  if (segments.length === 1 && only?.kind === 'expression' && only.terminated && only.end === text.length) {
    return only.source.trim() === '' ? undefined : only.source;
  }
  throw new RitmoError(
    'ERR_PIPELINE_EXPRESSION',
    `condition "${text.length > 80 ? `${text.slice(0, 80)}...` : text}" mixes text and \${{ }}; write the whole condition inside one \${{ }}`,
    { details: { expression: text } },
  );
}
