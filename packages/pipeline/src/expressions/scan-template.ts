/** A piece of a `${{ }}` template. Offsets are 0-based indexes into the template text. */
export type TemplateSegment =
  | { kind: 'literal'; text: string; offset: number }
  | {
      kind: 'expression';
      /** The text between `${{` and `}}`, untrimmed. */
      source: string;
      /** Where `${{` starts. */
      offset: number;
      /** Where `source` starts (offset + 3). */
      sourceOffset: number;
      /** One past the closing `}}`, or the text length when unterminated. */
      end: number;
      /** False when the text ends before a closing `}}`. */
      terminated: boolean;
    };

const OPEN = '${{';
const CLOSE = '}}';

/**
 * Splits a template into literal text and `${{ ... }}` expressions. A `}}` inside a single-quoted string
 * literal (`'}}'`, with `''` as the escaped quote) does not close the expression.
 */
export function scanTemplate(text: string): TemplateSegment[] {
  const segments: TemplateSegment[] = [];
  let cursor = 0;
  while (cursor < text.length) {
    const open = text.indexOf(OPEN, cursor);
    if (open < 0) break;
    if (open > cursor) segments.push({ kind: 'literal', text: text.slice(cursor, open), offset: cursor });
    const sourceOffset = open + OPEN.length;
    const close = findClose(text, sourceOffset);
    if (close < 0) {
      segments.push({
        kind: 'expression',
        source: text.slice(sourceOffset),
        offset: open,
        sourceOffset,
        end: text.length,
        terminated: false,
      });
      return segments;
    }
    segments.push({
      kind: 'expression',
      source: text.slice(sourceOffset, close),
      offset: open,
      sourceOffset,
      end: close + CLOSE.length,
      terminated: true,
    });
    cursor = close + CLOSE.length;
  }
  if (cursor < text.length) segments.push({ kind: 'literal', text: text.slice(cursor), offset: cursor });
  return segments;
}

/** Index of the `}}` that closes an expression starting at `from`, skipping string literals; -1 if none. */
function findClose(text: string, from: number): number {
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "'") {
        if (text[i + 1] === "'") i++;
        else inString = false;
      }
    } else if (c === "'") {
      inString = true;
    } else if (c === '}' && text[i + 1] === '}') {
      return i;
    }
  }
  return -1;
}

/** True when the text contains at least one `${{`. */
export function hasExpressions(text: string): boolean {
  return text.includes(OPEN);
}
