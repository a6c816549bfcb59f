import { parseExpression, type ExpressionProblemCode } from './parse-expression.js';
import { scanTemplate } from './scan-template.js';

export { scanTemplate, type TemplateSegment } from './scan-template.js';

/** A problem in a template; `offset` is 0-based within the template text. */
export interface TemplateProblem {
  message: string;
  offset: number;
  /** The diagnostic code that fits the problem. */
  code: ExpressionProblemCode;
}

/**
 * Checks every `${{ }}` in `text` without evaluating it: syntax errors, unterminated expressions,
 * contexts outside `allowedContexts` and unknown functions, each with its offset in `text`.
 */
export function checkTemplate(text: string, allowedContexts: readonly string[]): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const segment of scanTemplate(text)) {
    if (segment.kind !== 'expression') continue;
    if (!segment.terminated) {
      problems.push({
        message: 'unterminated expression: "${{" without a closing "}}"',
        offset: segment.offset,
        code: 'ERR_PIPELINE_EXPRESSION_SYNTAX',
      });
      continue;
    }
    const parsed = parseExpression(segment.source, allowedContexts);
    if (!parsed.ok) {
      const offset = segment.source.trim() === '' ? segment.offset : segment.sourceOffset + parsed.problem.offset;
      problems.push({ ...parsed.problem, offset });
    }
  }
  return problems;
}
