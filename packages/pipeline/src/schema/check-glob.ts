import picomatch from 'picomatch';
import { toError } from '@ritmo/shared';

const OPENERS: Record<string, string> = { '[': ']', '{': '}' };
const CLOSERS: Record<string, string> = { ']': '[', '}': '{' };

/**
 * What is wrong with a glob pattern, or undefined when it is usable. A leading `!` (negation) is
 * allowed. Rejects empty patterns, unbalanced `[ ]` and `{ }` (picomatch would silently treat them
 * as literals or as a pattern that matches nothing) and anything picomatch cannot compile.
 */
export function checkGlob(pattern: string): string | undefined {
  const body = pattern.startsWith('!') ? pattern.slice(1) : pattern;
  if (body.trim() === '') return 'empty glob pattern';
  const unbalanced = findUnbalanced(body);
  if (unbalanced) return `unbalanced "${unbalanced}" in glob "${pattern}"`;
  try {
    const re = picomatch.makeRe(body, { windows: false } as picomatch.PicomatchOptions);
    if (re.source === '$^') return `glob "${pattern}" cannot match anything`;
  } catch (e: unknown) {
    return `glob "${pattern}" does not compile: ${toError(e).message}`;
  }
  return undefined;
}

function findUnbalanced(text: string): string | undefined {
  const stack: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (stack[stack.length - 1] === '[') {
      // Inside a character class only `]` is special (a `]` right after `[` or `[!` is literal).
      const prev = text.slice(0, i);
      if (c === ']' && !prev.endsWith('[') && !prev.endsWith('[!') && !prev.endsWith('[^')) stack.pop();
      continue;
    }
    if (OPENERS[c]) stack.push(c);
    else if (CLOSERS[c]) {
      if (stack[stack.length - 1] !== CLOSERS[c]) return c;
      stack.pop();
    }
  }
  return stack[stack.length - 1];
}
