import { Lexer } from '@actions/expressions';
import { TokenType } from '@actions/expressions/lexer';
import { STATUS_FUNCTIONS } from './ritmo-functions.js';

const names: ReadonlySet<string> = new Set(STATUS_FUNCTIONS);

/** True when the expression calls success(), failure(), always() or cancelled() anywhere. */
export function callsStatusFunction(source: string): boolean {
  let tokens;
  try {
    tokens = new Lexer(source).lex().tokens;
  } catch {
    return false;
  }
  return tokens.some(
    (token, i) => token.type === TokenType.IDENTIFIER && tokens[i + 1]?.type === TokenType.LEFT_PAREN && names.has(token.lexeme.toLowerCase()),
  );
}
