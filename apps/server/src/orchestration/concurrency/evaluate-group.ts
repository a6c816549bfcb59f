import { interpolate, type ExpressionContext } from '@ritmo/pipeline';

/**
 * A `concurrency.group` template's value: the text with every `${{ }}` replaced, trimmed. Null when
 * it comes out empty (no group). Throws ERR_PIPELINE_EXPRESSION when an expression fails.
 */
export function evaluateGroup(template: string, ctx: ExpressionContext): string | null {
  const group = interpolate(template, ctx).trim();
  return group === '' ? null : group;
}
