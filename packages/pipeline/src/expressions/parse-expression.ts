import { Lexer, Parser, type Expr } from '@actions/expressions';
import { TokenType } from '@actions/expressions/lexer';
import { closestMatch } from './closest-match.js';
import { FUNCTION_NAMES, RITMO_FUNCTIONS } from './ritmo-functions.js';

/** A problem in one expression; `offset` is 0-based within the expression source. */
export interface ExpressionProblem {
  message: string;
  offset: number;
  code: ExpressionProblemCode;
}

export type ExpressionProblemCode =
  | 'ERR_PIPELINE_EXPRESSION_SYNTAX'
  | 'ERR_PIPELINE_EXPRESSION_CONTEXT'
  | 'ERR_PIPELINE_EXPRESSION_FUNCTION';

const SYNTAX = 'ERR_PIPELINE_EXPRESSION_SYNTAX';

export type ParsedExpression = { ok: true; expr: Expr } | { ok: false; problem: ExpressionProblem };

const LEXER_POSITION = /Located at position (\d+) within expression/;
const UNRECOGNIZED = /^Unrecognized (named-value|function): '(.*)'$/s;

/** Parses one expression (the text inside `${{ }}`), allowing the given contexts and Ritmo's functions. */
export function parseExpression(source: string, allowedContexts: readonly string[]): ParsedExpression {
  if (source.trim() === '') return { ok: false, problem: { message: 'empty expression', offset: 0, code: SYNTAX } };
  let tokens;
  try {
    tokens = new Lexer(source).lex().tokens;
  } catch (e: unknown) {
    return { ok: false, problem: lexerProblem(e, source) };
  }
  // The lexer unescapes only the first `''` of a string; the lexeme is the source of truth.
  for (const token of tokens) {
    if (token.type === TokenType.STRING) token.value = token.lexeme.slice(1, -1).replaceAll("''", "'");
  }
  try {
    const expr = new Parser(tokens, [...allowedContexts], [...RITMO_FUNCTIONS]).parse();
    return { ok: true, expr };
  } catch (e: unknown) {
    return { ok: false, problem: parserProblem(e, source, allowedContexts) };
  }
}

function lexerProblem(e: unknown, source: string): ExpressionProblem {
  const message = e instanceof Error ? e.message : String(e);
  if (message === 'ErrorExceededMaxLength') {
    return { message: `expression is longer than the limit of 21000 characters (${source.length})`, offset: 0, code: SYNTAX };
  }
  const position = LEXER_POSITION.exec(message);
  const offset = position ? Number(position[1]) - 1 : 0;
  const symbol = /^Unexpected symbol: '(.*?)'\. Located/s.exec(message)?.[1];
  const hint = symbol?.startsWith("'") ? ' (unterminated string)' : '';
  return { message: symbol === undefined ? message : `unexpected symbol '${symbol}'${hint}`, offset, code: SYNTAX };
}

function parserProblem(e: unknown, source: string, allowedContexts: readonly string[]): ExpressionProblem {
  const message = e instanceof Error ? e.message : String(e);
  const pos = (e as { pos?: { line: number; column: number } }).pos;
  const offset = pos ? offsetOf(source, pos.line, pos.column) : 0;
  const unrecognized = UNRECOGNIZED.exec(message);
  if (unrecognized?.[1] === 'named-value') {
    const name = unrecognized[2] ?? '';
    const near = closestMatch(name, allowedContexts);
    const hint = near ? `; did you mean "${near}"?` : '';
    const allowed = allowedContexts.length ? allowedContexts.join(', ') : 'none';
    return { message: `unknown context "${name}" (available here: ${allowed})${hint}`, offset, code: 'ERR_PIPELINE_EXPRESSION_CONTEXT' };
  }
  if (unrecognized?.[1] === 'function') {
    const name = unrecognized[2] ?? '';
    const near = closestMatch(name, FUNCTION_NAMES);
    return { message: `unknown function "${name}()"${near ? `; did you mean "${near}()"?` : ''}`, offset, code: 'ERR_PIPELINE_EXPRESSION_FUNCTION' };
  }
  const code = /parameters/.test(message) ? 'ERR_PIPELINE_EXPRESSION_FUNCTION' : SYNTAX;
  return { message: lowerFirst(message), offset, code };
}

function offsetOf(source: string, line: number, column: number): number {
  let start = 0;
  for (let l = 0; l < line; l++) {
    const nl = source.indexOf('\n', start);
    if (nl < 0) break;
    start = nl + 1;
  }
  return Math.min(start + column, source.length);
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
