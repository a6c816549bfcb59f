import { describe, expect, it } from 'vitest';
import { createLineSplitter } from './line-splitter.js';

function split(pieces: string[], maxLength?: number): string[] {
  const lines: string[] = [];
  const splitter = createLineSplitter((line) => lines.push(line), maxLength);
  for (const piece of pieces) splitter.write(piece);
  splitter.flush();
  return lines;
}

describe('createLineSplitter', () => {
  it('joins partial lines across writes and flushes the unterminated rest', () => {
    expect(split(['one\ntw', 'o\n', '', 'thr', 'ee'])).toEqual(['one', 'two', 'three']);
  });

  it('keeps empty lines and drops a trailing carriage return', () => {
    expect(split(['a\r\n\nb\r\n'])).toEqual(['a', '', 'b']);
  });

  it('cuts lines longer than the limit into pieces, in and across writes', () => {
    expect(split(['abcdefghij\nxy'], 4)).toEqual(['abcd', 'efgh', 'ij', 'xy']);
    expect(split(['abc', 'def', 'ghi', '\n'], 4)).toEqual(['abcd', 'efgh', 'i']);
    expect(split(['abcd\n'], 4)).toEqual(['abcd']);
  });
});
