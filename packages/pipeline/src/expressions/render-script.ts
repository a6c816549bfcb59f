import { RitmoError } from '@ritmo/shared';
import { evaluateExpression } from './evaluate-expression.js';
import { scanTemplate } from './scan-template.js';
import { advanceShellQuoteState, type ShellQuoteState } from './shell-quote-state.js';
import { toTemplateText } from './to-template-text.js';
import type { EvaluateOptions, ExpressionContext } from './expression-context.js';

export interface RenderedScript {
  /** The script with each `${{ expr }}` replaced by a reference to an environment variable. */
  script: string;
  /** `RITMO_EXPR_<n>` (1-based, in order of appearance) -> the expression's value as text. */
  env: Record<string, string>;
}

/**
 * Prepares shell `run:` text: each `${{ expr }}` becomes `${RITMO_EXPR_<n>}` and its value goes into
 * `env`, so values such as branch names or PR titles are never parsed as shell code. Inside single quotes
 * (where the shell would not expand a variable) the quote is closed around it: `'"${RITMO_EXPR_<n>}"'`.
 * The caller must give `env` precedence over any other variables of the same names.
 */
export function renderScript(template: string, ctx: ExpressionContext, options: EvaluateOptions = {}): RenderedScript {
  const env: Record<string, string> = {};
  let script = '';
  let state: ShellQuoteState = 'none';
  let n = 0;
  for (const segment of scanTemplate(template)) {
    if (segment.kind === 'literal') {
      state = advanceShellQuoteState(state, segment.text, script.slice(-1));
      script += segment.text;
      continue;
    }
    if (!segment.terminated) {
      throw new RitmoError('ERR_PIPELINE_EXPRESSION', `unterminated expression in script at offset ${segment.offset}: "\${{" without a closing "}}"`, {
        details: { offset: segment.offset },
      });
    }
    n++;
    const name = `RITMO_EXPR_${n}`;
    env[name] = toTemplateText(evaluateExpression(segment.source, ctx, options));
    script += reference(name, state);
  }
  return { script, env };
}

function reference(name: string, state: ShellQuoteState): string {
  if (state === 'single') return `'"\${${name}}"'`;
  if (state === 'ansi') return `'"\${${name}}"$'`;
  return `\${${name}}`;
}
