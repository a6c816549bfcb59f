import { RitmoError } from '@ritmo/shared';
import { evaluateExpression } from './evaluate-expression.js';
import { scanTemplate } from './scan-template.js';
import { toTemplateText } from './to-template-text.js';
import type { EvaluateOptions, ExpressionContext } from './expression-context.js';

/**
 * Replaces every `${{ expr }}` in `template` with its value as text (null -> '', numbers and booleans as
 * text, objects and arrays as JSON). Throws `ERR_PIPELINE_EXPRESSION` on the first expression that fails.
 * Not for shell text: use renderScript there.
 */
export function interpolate(template: string, ctx: ExpressionContext, options: EvaluateOptions = {}): string {
  let out = '';
  for (const segment of scanTemplate(template)) {
    if (segment.kind === 'literal') {
      out += segment.text;
    } else if (!segment.terminated) {
      throw new RitmoError('ERR_PIPELINE_EXPRESSION', `unterminated expression "${template.slice(segment.offset, segment.offset + 40)}": "\${{" without a closing "}}"`, {
        details: { offset: segment.offset },
      });
    } else {
      out += toTemplateText(evaluateExpression(segment.source, ctx, options));
    }
  }
  return out;
}
