import { Evaluator } from '@actions/expressions';
import { RitmoError, toError } from '@ritmo/shared';
import { fromExpressionData, SafeDictionary, toExpressionData } from './expression-data.js';
import { createExpressionFunctions } from './expression-functions.js';
import { parseExpression } from './parse-expression.js';
import { ALL_CONTEXTS } from './ritmo-functions.js';
import type { EvaluateOptions, ExpressionContext } from './expression-context.js';

export type {
  EvaluateOptions,
  ExpressionContext,
  JobContext,
  NeedContext,
  RitmoContext,
  StatusContext,
  StepContext,
  StrategyContext,
} from './expression-context.js';

/**
 * Evaluates one expression (the text inside `${{ }}`) against plain JSON contexts and returns plain JSON.
 * Total: any failure (syntax, unknown function, a function that throws, missing hashFiles) becomes a
 * RitmoError `ERR_PIPELINE_EXPRESSION` whose message names the expression. Only the data in `ctx` is
 * reachable; lookups such as `ritmo.toString` or `env.__proto__` read null.
 */
export function evaluateExpression(source: string, ctx: ExpressionContext, options: EvaluateOptions = {}): unknown {
  const parsed = parseExpression(source, ALL_CONTEXTS);
  if (!parsed.ok) {
    throw expressionError(source, parsed.problem.message, { offset: parsed.problem.offset });
  }
  try {
    const contexts = new SafeDictionary();
    const record = ctx as Record<string, unknown>;
    for (const name of ALL_CONTEXTS) contexts.add(name, toExpressionData(record[name] ?? {}));
    const result = new Evaluator(parsed.expr, contexts, createExpressionFunctions(options)).evaluate();
    return fromExpressionData(result);
  } catch (e: unknown) {
    throw expressionError(source, toError(e).message);
  }
}

function expressionError(source: string, cause: string, details: Record<string, unknown> = {}): RitmoError {
  const shown = source.trim().length > 200 ? `${source.trim().slice(0, 200)}...` : source.trim();
  return new RitmoError('ERR_PIPELINE_EXPRESSION', `\${{ ${shown} }}: ${cause}`, {
    details: { expression: source.trim(), ...details },
  });
}
