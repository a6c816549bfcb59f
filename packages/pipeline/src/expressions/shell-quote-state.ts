/** Quoting state of POSIX shell text at some position, as far as renderScript needs to know it. */
export type ShellQuoteState = 'none' | 'single' | 'ansi' | 'double' | 'comment';

/**
 * Advances the quoting state over a piece of shell text. It follows single quotes, `$'...'`, double
 * quotes, backslash escapes and `#` comments; it does not follow here-documents or quotes nested inside
 * `$(...)` within double quotes.
 */
export function advanceShellQuoteState(state: ShellQuoteState, text: string, previous = ''): ShellQuoteState {
  let s = state;
  let prev = previous;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    switch (s) {
      case 'none':
        if (c === '\\') {
          i++;
        } else if (c === "'") {
          s = prev === '$' ? 'ansi' : 'single';
        } else if (c === '"') {
          s = 'double';
        } else if (c === '#' && (prev === '' || /[\s;&|()]/.test(prev))) {
          s = 'comment';
        }
        break;
      case 'single':
        if (c === "'") s = 'none';
        break;
      case 'ansi':
        if (c === '\\') i++;
        else if (c === "'") s = 'none';
        break;
      case 'double':
        if (c === '\\') i++;
        else if (c === '"') s = 'none';
        break;
      case 'comment':
        if (c === '\n') s = 'none';
        break;
    }
    prev = text[i] ?? '';
  }
  return s;
}
